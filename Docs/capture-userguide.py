#!/usr/bin/env python3
"""Runs the worked examples of Docs/UserGuide.md and re-captures (or checks) their output.

usage: python3 Docs/capture-userguide.py SIGIL [--check] [--only SECTION]... [--guide FILE] [--keep DIR]
  SIGIL      the sigil binary (e.g. .build/release/sigil); put first on PATH for the examples
  --check    compare instead of rewriting: exit 1, with a diff per mismatching block, when the
             guide's excerpts are not what the binary prints (SigilCLITests runs this, debug build)
  --guide    the guide to read (default: Docs/UserGuide.md next to this script)
  --only S   compare or rewrite only the sections whose heading starts with S (e.g. "6."; may be
             repeated); every example still runs, since later sections read earlier folders
  --keep DIR run in DIR (must not exist) and keep it, instead of a removed temporary folder

Every example runs in order from one clean folder (with SIGIL_REFERENCE_DIR set to the
repository's reference/), so a section may read the folders of earlier ones, and each section
writes folders of its own names. What runs and what is compared is marked in the guide with
HTML comments (invisible when the guide is rendered):

  <!-- run -->      before a ```sh block: each line is run with bash (a line ending in `\\`
                    continues); a non-zero exit fails the block. Its stderr and stdout (merged,
                    in order) are the excerpt of the next <!-- output --> block, if one follows
                    before the next <!-- run -->.
  <!-- output -->   before a ```text block: the excerpt. Its lines up to the first `$ ` line are
                    the output of the preceding run block; a line `$ COMMAND` is run (exit code
                    free: errors are examples too) and the lines after it, up to the next `$ `
                    line, are its output.

An excerpt may leave lines out: a line `...` stands for any number of lines, and a line ending
in ` ...` for a line that starts with the text before it (the rest is cut). Everything else is
compared line by line: text exactly, whole numbers exactly, other numbers to the precision
printed in the guide (they match when they differ by at most one unit of the guide's last digit,
or by 1e-6 relative for long numbers, so a rounding flip or BLAS summation order on another CPU
cannot fail the check), and timings (`in 0.11 s`) not at all. Re-capturing keeps the `...` cuts and replaces everything else with the new output; an
excerpt whose shape changed (a message reworded) is replaced whole and reported, to be cut
again by hand. An example that fails (non-zero exit in a run block) keeps its old excerpt and
makes the exit code 1; the others are still re-captured. The script names the section (##
heading) of every block it reports, and prints the CPU seconds each section took.
"""
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
TIMING = re.compile(r"\bin \d+(?:\.\d+)? s\b")
FENCE = re.compile(r"^```(\w*)\s*$")


def shape(line):
    """A line with its numbers and timings blanked, to align excerpt lines with output lines."""
    return NUMBER.sub("#", TIMING.sub("in # s", line)).rstrip()


def numbers_match(expected, actual):
    if expected == actual:
        return True
    try:
        e, a = float(expected), float(actual)
    except ValueError:
        return False
    if "." not in expected and "e" not in expected.lower():
        return False   # whole numbers (counts, sample numbers, k) are exact
    digits = len(expected.split(".")[1].split("e")[0].split("E")[0]) if "." in expected else 0
    unit = 10.0 ** (-digits) if "e" not in expected.lower() else abs(e) * 1e-6
    return abs(e - a) <= max(unit, 1e-6 * abs(e)) * (1 + 1e-9)


def line_matches(expected, actual):
    """Text equal, numbers to their printed precision, timings ignored."""
    expected, actual = TIMING.sub("in # s", expected).rstrip(), TIMING.sub("in # s", actual).rstrip()
    if shape(expected) != shape(actual):
        return False
    return all(numbers_match(e, a) for e, a in zip(NUMBER.findall(expected), NUMBER.findall(actual)))


def is_cut(line):
    return line.endswith(" ...") and line.strip() != "..."


def cut_prefix(line):
    return line[: -len(" ...")]


def prefix_matches(template, actual, exact):
    """A `text ...` line against an output line: the output starts with the same words."""
    prefix = cut_prefix(template)
    words = len(prefix.split(" "))
    head = " ".join(actual.split(" ")[:words])
    return line_matches(prefix, head) if exact else shape(prefix) == shape(head)


def align(template, actual, exact):
    """Matches excerpt lines to output lines; returns the rewritten excerpt, or None when the
    shape differs (exact=True: numbers must match too, for --check)."""
    out, i = [], 0

    def fits(t, a):
        if is_cut(t):
            return prefix_matches(t, a, exact)
        return line_matches(t, a) if exact else shape(t) == shape(a)

    for n, t in enumerate(template):
        if t.strip() == "...":
            following = next((x for x in template[n + 1:] if x.strip() != "..."), None)
            if following is None:
                i = len(actual)
            else:
                while i < len(actual) and not fits(following, actual[i]):
                    i += 1
            out.append(t)
            continue
        if i >= len(actual) or not fits(t, actual[i]):
            return None
        if is_cut(t):
            words = len(cut_prefix(t).split(" "))
            out.append(" ".join(actual[i].split(" ")[:words]) + " ...")
        else:
            out.append(actual[i])
        i += 1
    return out if i == len(actual) else None


def parse(text):
    """The guide as a list of items: plain lines, and marked blocks with their fences."""
    lines = text.split("\n")
    items, section, k = [], "(top)", 0
    while k < len(lines):
        line = lines[k]
        if line.startswith("## "):
            section = line[3:].strip()
        marker = line.strip()
        if marker in ("<!-- run -->", "<!-- output -->") and k + 1 < len(lines) and FENCE.match(lines[k + 1]):
            end = k + 2
            while end < len(lines) and lines[end].rstrip() != "```":
                end += 1
            if end >= len(lines):
                sys.exit(f"capture-userguide: {marker} block under '{section}' has no closing fence")
            kind = "run" if marker == "<!-- run -->" else "output"
            items.append({"kind": kind, "section": section, "head": lines[k:k + 2], "body": lines[k + 2:end],
                          "line": k + 1})
            k = end + 1
            items.append("```")
            continue
        items.append(line)
        k += 1
    return items


def commands(body):
    joined, current = [], ""
    for line in body:
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip() and not current.strip().startswith("#"):
            joined.append(current)
        current = ""
    return joined


CPU = {}   # section -> CPU seconds of its commands, printed at the end


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command, cwd, env, section=""):
    before = child_cpu()
    p = subprocess.run(["bash", "-c", "exec 2>&1\n" + command], cwd=cwd, env=env, stdout=subprocess.PIPE)
    CPU[section] = CPU.get(section, 0.0) + child_cpu() - before
    lines = p.stdout.decode("utf-8", "replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return p.returncode, [line.rstrip() for line in lines]


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    guide = os.path.join(os.path.dirname(os.path.abspath(__file__)), "UserGuide.md")
    keep = None
    if "--guide" in args:
        guide = args[args.index("--guide") + 1]
        del args[args.index("--guide"):args.index("--guide") + 2]
    only = []
    while "--only" in args:
        only.append(args[args.index("--only") + 1])
        del args[args.index("--only"):args.index("--only") + 2]
    if "--keep" in args:
        keep = args[args.index("--keep") + 1]
        del args[args.index("--keep"):args.index("--keep") + 2]
    if len(args) != 1 or not os.access(args[0], os.X_OK):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 64
    sigil = os.path.abspath(args[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    items = parse(open(guide, encoding="utf-8").read())

    work = os.path.abspath(keep) if keep else tempfile.mkdtemp(prefix="sigil-userguide.")
    if keep:
        os.makedirs(work)
    bindir = os.path.join(work, ".bin")
    os.makedirs(bindir)
    os.symlink(sigil, os.path.join(bindir, "sigil"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), LC_ALL="C", COLUMNS="100",
               SIGIL_REFERENCE_DIR=os.path.join(root, "reference"))
    failures, reshaped, blocks = [], [], 0
    pending = None   # output of the last run block, waiting for its output block
    pending_failed = False

    def chosen(section):
        return not only or any(section.startswith(prefix) for prefix in only)
    try:
        for item in items:
            if not isinstance(item, dict):
                continue
            where = f"{item['section']} (UserGuide.md line {item['line']})"
            if item["kind"] == "run":
                blocks += 1
                pending, pending_failed = [], False
                for command in commands(item["body"]):
                    code, out = run(command, work, env, item['section'])
                    pending += out
                    if code != 0:
                        pending_failed = True
                        failures.append(f"{where}: `{command}` exited {code}:\n  " + "\n  ".join(out[-5:]))
                continue
            # An output block: the preceding run block's lines, then `$ ` commands and theirs.
            blocks += 1
            segments, current = [], ("", [])
            for line in item["body"]:
                if line.startswith("$ "):
                    segments.append(current)
                    current = (line[2:], [])
                else:
                    current[1].append(line)
            segments.append(current)
            new_body = []
            for command, template in segments:
                if command:
                    _, actual = run(command, work, env, item['section'])
                    new_body.append("$ " + command)
                else:
                    if not template:
                        continue   # the run block's output is not shown
                    if pending is None:
                        if template:
                            failures.append(f"{where}: output lines before any `$ ` line but no <!-- run --> block before it")
                        continue
                    actual = pending
                exact = align(template, actual, exact=True)
                if not chosen(item["section"]) or (pending_failed and not command):
                    new_body += template   # run for the sections after it, left as it is
                    continue
                if check:
                    if exact is None:
                        failures.append(f"{where}: " + (f"`$ {command}`" if command else "run block") + " output differs:\n"
                                        + "  guide:  " + "\n          ".join(template) + "\n  actual: "
                                        + "\n          ".join(actual))
                    new_body += template
                    continue
                rewritten = align(template, actual, exact=False)
                if rewritten is None:
                    reshaped.append(f"{where}: " + (f"`$ {command}`" if command else "run block")
                                    + " output changed shape; replaced whole (cut it again with ... if it is long)")
                    rewritten = actual
                new_body += rewritten
            pending, pending_failed = None, False
            item["body"] = new_body
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)

    print("[capture-userguide] CPU seconds per section: "
          + "; ".join(f"{name.split(':')[0]} {seconds:.1f}" for name, seconds in CPU.items()), file=sys.stderr)
    for message in reshaped:
        print(f"[capture-userguide] {message}", file=sys.stderr)
    for message in failures:
        print(f"[capture-userguide] {message}", file=sys.stderr)
    if check:
        print(f"[capture-userguide] {blocks} blocks: " + ("ok" if not failures else f"{len(failures)} failure(s)"), file=sys.stderr)
        return 1 if failures else 0
    text = []
    for item in items:
        if isinstance(item, dict):
            text += item["head"] + item["body"]
        else:
            text.append(item)
    with open(guide + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(text))
    os.replace(guide + ".tmp", guide)
    print(f"[capture-userguide] {blocks} blocks re-captured into {guide}"
          + (f" (sections starting {', '.join(only)})" if only else "")
          + (f"; {len(failures)} failing example(s) left as they were" if failures else ""), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
