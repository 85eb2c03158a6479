"""Writes the .fai index of a plain FASTA, as `samtools faidx` does (name, length, offset,
bases per line, bytes per line), so the workflow needs no samtools. Run by Snakemake (`script:`)."""
import os
import sys


def faidx(fasta_path, fai_path):
    rows = []
    name = None
    length = offset = line_bases = line_bytes = 0
    short_line_seen = False
    position = 0
    with open(fasta_path, "rb") as fasta:
        for number, line in enumerate(fasta, start=1):
            if line.startswith(b">"):
                if name is not None:
                    rows.append((name, length, offset, line_bases, line_bytes))
                name = line[1:].split()[0].decode() if line[1:].split() else ""
                if not name:
                    raise ValueError(f"{fasta_path}:{number}: a FASTA header needs a sequence name")
                length = line_bases = line_bytes = 0
                short_line_seen = False
                offset = position + len(line)
            elif name is not None and line.strip():
                bases = len(line.rstrip(b"\r\n"))
                if line_bases == 0:
                    line_bases, line_bytes = bases, len(line)
                elif short_line_seen or bases > line_bases:
                    raise ValueError(f"{fasta_path}:{number}: lines of '{name}' differ in length; "
                                     "the FASTA must be wrapped at one width to be indexed")
                elif bases < line_bases:
                    short_line_seen = True
                length += bases
            position += len(line)
    if name is not None:
        rows.append((name, length, offset, line_bases, line_bytes))
    if not rows:
        raise ValueError(f"{fasta_path}: no '>' header; this is not a FASTA file")
    temporary = fai_path + ".tmp"
    with open(temporary, "w") as fai:
        for row in rows:
            fai.write("\t".join(str(x) for x in row) + "\n")
    os.replace(temporary, fai_path)


if __name__ == "__main__":
    faidx(sys.argv[1], sys.argv[2])
else:
    faidx(snakemake.input[0], snakemake.output[0])  # noqa: F821 (injected by Snakemake)
