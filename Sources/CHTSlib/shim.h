/* htslib headers sigil uses, and its function-like macros re-exposed as typed symbols Swift can
   import (STYLE.md B3). Each wrapper is named sig_<htslib name>. */
#ifndef SIGIL_CHTSLIB_SHIM_H
#define SIGIL_CHTSLIB_SHIM_H
#include <htslib/hts.h>
#include <htslib/vcf.h>
#include <htslib/faidx.h>
#include <htslib/kstring.h>
#include <htslib/bgzf.h>

static inline int sig_bcf_hdr_nsamples(const bcf_hdr_t *h) { return bcf_hdr_nsamples(h); }
static inline int sig_bcf_gt_allele(int32_t gt) { return bcf_gt_allele(gt); }
static inline int sig_bcf_gt_is_missing(int32_t gt) { return bcf_gt_is_missing(gt); }
static inline int32_t sig_bcf_int32_vector_end(void) { return bcf_int32_vector_end; }
static inline const char *sig_bcf_seqname(const bcf_hdr_t *h, const bcf1_t *rec) { return bcf_seqname(h, rec); }
static inline const char *sig_bcf_hdr_int2id(const bcf_hdr_t *h, int id) { return bcf_hdr_int2id(h, BCF_DT_ID, id); }
static inline const char *sig_bcf_hdr_sample(const bcf_hdr_t *h, int i) { return h->samples[i]; }
static inline int sig_bcf_get_genotypes(const bcf_hdr_t *h, bcf1_t *rec, int32_t **dst, int *ndst) { return bcf_get_genotypes(h, rec, dst, ndst); }
enum { SIG_BCF_UN_STR = BCF_UN_STR, SIG_BCF_UN_FLT = BCF_UN_FLT, SIG_BCF_UN_ALL = BCF_UN_ALL };
#endif
