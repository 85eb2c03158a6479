/// How signatures are selected for a sample.
public enum FitMethod: String, Sendable, CaseIterable, Codable {
  /// Plain NNLS on every signature (no selection): the baseline, over-assigns at high burden.
  case nnls
  /// Cosine forward/backward: remove a signature while the reconstruction cosine drops by less
  /// than `removeThreshold`, add one while it rises by more than `addThreshold`
  /// (the rule of SigProfilerAssignment).
  case cosine
  /// Multinomial likelihood forward/backward: add a signature while twice the log-likelihood gain
  /// exceeds `addThreshold`, remove while twice the loss is below `removeThreshold`.
  case likelihood
  /// Poisson maximum likelihood (minimum KL divergence) on every signature, no selection: the
  /// exposures `sigil extract` writes under its default KL objective
  /// (`SignatureFitter.exposures(catalog:signatures:method:)`).
  case kl
}

/// How the likelihood rule accounts for counts more variable than Poisson / multinomial.
public enum Overdispersion: String, Sendable, CaseIterable, Codable {
  /// φ = 1: the multinomial likelihood ratio as is (the rule of Decision 0003).
  case off
  /// Per sample, estimate φ̂ and r̂ from the φ = 1 fit; when the sample is significantly
  /// overdispersed (`NoiseModel.significance`) select again on the weighted quasi-likelihood of
  /// `NoiseModel`, and draw bootstrap replicates gamma-multinomially with size r̂ (Decision 0008).
  case estimated
}

/// Parameters of the per-sample fit.
///
/// ```swift
/// let config = FitConfiguration()                               // sparse default
/// let plain = FitConfiguration(method: .nnls)
/// let strict = FitConfiguration(method: .cosine, addThreshold: 0.02, removeThreshold: 0.01)
/// ```
/// Defaults were chosen on simulated truth (Docs/Methods-fit.md, "Calibration").
public struct FitConfiguration: Sendable, Equatable, Codable {
  /// The default selection rule.
  public static let defaultMethod = FitMethod.likelihood

  /// The selection rule.
  public var method: FitMethod
  /// Threshold to add a signature (cosine gain, or 2·log-likelihood gain).
  public var addThreshold: Double
  /// Threshold to remove a signature (cosine loss, or 2·log-likelihood loss).
  public var removeThreshold: Double
  /// Quasi-likelihood scaling of the likelihood rule (ignored by `.cosine` and `.nnls`).
  public var overdispersion: Overdispersion

  /// The calibrated thresholds of a method (`(0, 0)` for `.nnls`).
  public static func defaultThresholds(for method: FitMethod) -> (add: Double, remove: Double) {
    switch method {
    case .nnls, .kl: return (0, 0)
    case .cosine: return (0.01, 0.005)
    case .likelihood: return (10, 5)
    }
  }

  /// Creates a configuration; thresholds default to the method's calibrated values.
  /// - Throws: `FitError.invalidParameter` when a threshold is negative or not finite, or the
  ///   remove threshold exceeds the add threshold (the search could cycle).
  public init(method: FitMethod = FitConfiguration.defaultMethod, addThreshold: Double? = nil,
              removeThreshold: Double? = nil, overdispersion: Overdispersion = .estimated) throws {
    let d = Self.defaultThresholds(for: method)
    let add = addThreshold ?? d.add, remove = removeThreshold ?? d.remove
    guard add.isFinite, remove.isFinite, add >= 0, remove >= 0 else {
      throw FitError.invalidParameter("fit thresholds must be finite and >= 0 (got add \(add), remove \(remove))")
    }
    guard remove <= add else {
      throw FitError.invalidParameter("the remove threshold (\(remove)) must not exceed the add threshold (\(add)), or signatures could be added and removed forever")
    }
    self.method = method
    self.overdispersion = overdispersion
    self.addThreshold = add
    self.removeThreshold = remove
  }

  /// The sparse default.
  public static let `default` = try! FitConfiguration()
}
