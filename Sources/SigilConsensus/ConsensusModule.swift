/// Consensus clustering across NMF restarts and rank selection (Brunet et al. 2004).
/// The statistics land with the extraction issue; this namespace holds module-wide facts.
public enum SigilConsensusModule {
  /// The paper the consensus matrix and cophenetic correlation follow.
  public static let reference = "Brunet et al. (2004), PNAS 101(12):4164-4169"
}
