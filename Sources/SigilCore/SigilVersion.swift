/// The sigil release, printed by `sigil --version` and recorded in every `run.json`.
public enum SigilVersion {
  /// Semantic version of this build.
  public static let current = "0.1.0"
}
