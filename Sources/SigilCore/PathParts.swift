/// The folder and last component of a path, split at the last `/` without Foundation.
///
/// Why: `NSString.deletingLastPathComponent` in swift-corelibs-foundation 6.0 traps on a
/// one-character path (`sigil fit -o x`, `--reference-fasta r` crashed with SIGILL), so every path
/// sigil splits goes through here.
public enum PathParts {
  /// The folder part: `""` for a bare name (`x`), `/` for a top-level entry (`/x`); trailing
  /// slashes are not a component (`a/b/` is in `a`).
  public static func folder(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
  }

  /// The folder part, or `.` when the path is a bare name (for opening the folder).
  public static func folderOrCurrent(of path: String) -> String {
    let folder = folder(of: path)
    return folder.isEmpty ? "." : folder
  }

  /// The last component (`x` for `a/b/x`, `x` for `x`).
  public static func name(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }
}
