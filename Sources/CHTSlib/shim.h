/* htslib headers sigil uses, and its function-like macros re-exposed as typed symbols Swift can
   import (STYLE.md B3). Each wrapper is named sig_<htslib name>. */
#ifndef SIGIL_CHTSLIB_SHIM_H
#define SIGIL_CHTSLIB_SHIM_H
#include <stdlib.h>
#include <string.h>
#include <htslib/hts.h>
#include <htslib/hts_log.h>
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
/* 1 when every INFO and FORMAT value of a record has a BCF type byte htslib can read back. htslib
   1.16 calls exit(1) (no error return) from bcf_get_format_values, bcf_format_gt and bcf_fmt_array
   on any other type: a corrupt BCF would end the process (found by FuzzVCF in CI). sigil checks
   each BCF record here before asking for GT or formatting it. Unpacks INFO and FORMAT. */
static inline int sig_bcf_value_types_valid(const bcf_hdr_t *h, bcf1_t *rec) {
  int i, gt = bcf_hdr_id2int(h, BCF_DT_ID, "GT");
  if (bcf_unpack(rec, BCF_UN_INFO | BCF_UN_FMT) < 0 || (rec->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF))) return 0;
  for (i = 0; i < rec->n_info; i++) {
    const bcf_info_t *z = &rec->d.info[i];
    if (!z->vptr || z->len <= 0) continue;
    if (z->len == 1 && z->type == BCF_BT_INT64) continue;
    if (z->type != BCF_BT_INT8 && z->type != BCF_BT_INT16 && z->type != BCF_BT_INT32 && z->type != BCF_BT_FLOAT && z->type != BCF_BT_CHAR) return 0;
  }
  for (i = 0; i < rec->n_fmt; i++) {
    const bcf_fmt_t *f = &rec->d.fmt[i];
    if (!f->p) continue;
    if (f->id == gt ? (f->type != BCF_BT_INT8 && f->type != BCF_BT_INT16 && f->type != BCF_BT_INT32)
                    : (f->type != BCF_BT_INT8 && f->type != BCF_BT_INT16 && f->type != BCF_BT_INT32 && f->type != BCF_BT_FLOAT && f->type != BCF_BT_CHAR)) return 0;
  }
  return 1;
}
/* 1 unless the record's FORMAT/GT holds values of a non-integer type. A VCF text line whose
   FORMAT has an empty key (":GT") leaves GT with no value in any sample and type 0
   (BCF_BT_NULL), on which htslib 1.16's bcf_get_genotypes calls exit(1) (found by FuzzVCF in
   CI). Unpacks FORMAT, as bcf_get_genotypes does. */
static inline int sig_bcf_gt_type_valid(const bcf_hdr_t *h, bcf1_t *rec) {
  bcf_fmt_t *f = bcf_get_fmt(h, rec, "GT");
  if (!f || !f->p) return 1;
  return f->type == BCF_BT_INT8 || f->type == BCF_BT_INT16 || f->type == BCF_BT_INT32;
}
enum { SIG_BCF_UN_STR = BCF_UN_STR, SIG_BCF_UN_FLT = BCF_UN_FLT, SIG_BCF_UN_ALL = BCF_UN_ALL };

/* Record fields (bcf1_t has bitfields, which these accessors hide). */
static inline int sig_bcf_n_allele(const bcf1_t *rec) { return rec->n_allele; }
static inline const char *sig_bcf_allele(const bcf1_t *rec, int i) { return rec->d.allele[i]; }
static inline int32_t sig_bcf_rid(const bcf1_t *rec) { return rec->rid; }
static inline int64_t sig_bcf_pos(const bcf1_t *rec) { return rec->pos; }
static inline int sig_bcf_errcode(const bcf1_t *rec) { return rec->errcode; }
/* The errcode bits htslib recovers from by adding a dummy header line (as bcftools reads them). */
enum { SIG_BCF_ERR_CTG_UNDEF = BCF_ERR_CTG_UNDEF, SIG_BCF_ERR_TAG_UNDEF = BCF_ERR_TAG_UNDEF,
       SIG_BCF_ERR_NCOLS = BCF_ERR_NCOLS, SIG_BCF_ERR_LIMITS = BCF_ERR_LIMITS, SIG_BCF_ERR_CHAR = BCF_ERR_CHAR,
       SIG_BCF_ERR_CTG_INVALID = BCF_ERR_CTG_INVALID, SIG_BCF_ERR_TAG_INVALID = BCF_ERR_TAG_INVALID };
/* Reads one VCF text record like bcf_read/vcf_read (hts_getline then vcf_parse), and first looks
   at the intact line, which htslib 1.16 does not check: the number of tab-separated columns,
   whether POS (column 2) is all digits ("abc" reads as 0, "12x" as 12) and whether it holds a
   NUL byte (where vcf_parse stops). Returns what vcf_read returns. htslib 1.16's vcf_read is
   exactly hts_getline + vcf_parse; sigil never turns on threaded VCF parsing (hts_set_threads only
   for BGZF decompression), which would read the stream elsewhere. */
static inline int sig_vcf_read(htsFile *fp, const bcf_hdr_t *h, bcf1_t *v, int *columns, int *pos_is_digits, int *has_nul) {
  int ret = hts_getline(fp, 2 /* KS_SEP_LINE */, &fp->line);
  if (ret < 0) return ret;
  const char *s = fp->line.s; size_t l = fp->line.l, i, start = 0; int col = 1, ok = 0, nul = 0;
  for (i = 0; i <= l; i++) {
    if (i < l && s[i] == 0) nul = 1;
    if (i == l || s[i] == '\t') {
      if (col == 2) { size_t j; ok = i > start; for (j = start; j < i; j++) if (s[j] < '0' || s[j] > '9') ok = 0; }
      col++; start = i + 1;
    }
  }
  *columns = l == 0 ? 0 : col - 1; *pos_is_digits = ok; *has_nul = nul;
  return vcf_parse(&fp->line, h, v);
}
/* 1 when FILTER is PASS or missing ('.'), else 0. Needs bcf_unpack(BCF_UN_FLT). */
static inline int sig_bcf_filter_pass_or_missing(const bcf1_t *rec, int pass_id) {
  if (rec->d.n_flt == 0) return 1;
  return rec->d.n_flt == 1 && rec->d.flt[0] == pass_id;
}
static inline int sig_bcf_hdr_id2int_filter(const bcf_hdr_t *h, const char *id) { return bcf_hdr_id2int(h, BCF_DT_ID, id); }
/* Number of contigs (sequence dictionary entries) in a VCF header. */
static inline int sig_bcf_hdr_ncontigs(const bcf_hdr_t *h) { return h->n[BCF_DT_CTG]; }
static inline const char *sig_bcf_hdr_contig(const bcf_hdr_t *h, int i) { return h->id[BCF_DT_CTG][i].key; }
/* The value of a generic header line `##key=value`, or NULL. */
static inline const char *sig_bcf_hdr_generic_value(const bcf_hdr_t *h, const char *key) {
  bcf_hrec_t *hrec = bcf_hdr_get_hrec(h, BCF_HL_GEN, key, NULL, NULL);
  return hrec ? hrec->value : NULL;
}
static inline int sig_bcf_update_genotypes(const bcf_hdr_t *h, bcf1_t *rec, int32_t *gts, int n) { return bcf_update_genotypes(h, rec, gts, n); }
static inline int32_t sig_bcf_gt_unphased(int allele) { return bcf_gt_unphased(allele); }
static inline int sig_bcf_update_filter_one(const bcf_hdr_t *h, bcf1_t *rec, int id) { int ids[1] = { id }; return bcf_update_filter(h, rec, ids, 1); }
static inline void sig_bcf_set_site(bcf1_t *rec, int32_t rid, int64_t pos) { rec->rid = rid; rec->pos = pos; }

/* File format facts. */
static inline int sig_hts_is_variant_file(htsFile *fp) { return hts_get_format(fp)->category == variant_data; }
static inline int sig_hts_is_bcf(htsFile *fp) { return hts_get_format(fp)->format == bcf; }
enum { SIG_KS_SEP_LINE = 2 };
static inline void sig_hts_quiet(void) { hts_set_log_level(HTS_LOG_ERROR); }
static inline void sig_free(void *p) { free(p); }
#endif
