import CHTSlib

/// Facts about the htslib sigil is linked against, for `run.json`.
public enum HTSLibInfo {
  /// htslib's version string (`hts_version()`), e.g. "1.16".
  public static var version: String { String(cString: hts_version()) }
}
