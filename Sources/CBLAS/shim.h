/* OpenBLAS's CBLAS interface. Imported only by SigilLinearAlgebra (STYLE.md B1). */
#ifndef SIGIL_CBLAS_SHIM_H
#define SIGIL_CBLAS_SHIM_H
#include <cblas.h>
#endif
