/* OpenBLAS's CBLAS interface. Imported only by SigilLinearAlgebra (STYLE.md B1). */
#ifndef SIGIL_CBLAS_SHIM_H
#define SIGIL_CBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

/* LAPACK's symmetric eigensolver, exported by libopenblas (OpenBLAS bundles reference LAPACK), so
   no extra library is linked. Fortran calling convention: every argument by pointer, and gfortran
   appends the hidden lengths of the two CHARACTER arguments (declared here so the call is exact). */
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);
#endif
