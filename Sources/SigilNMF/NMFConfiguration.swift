/// The objective an NMF restart minimises; V (channels x samples) ≈ W (channels x k) · H (k x samples).
public enum NMFObjective: String, Sendable, CaseIterable {
  /// Generalised Kullback–Leibler divergence `Σ V log(V/WH) − V + WH`: the Poisson likelihood of counts.
  case kullbackLeibler = "kl"
  /// Half the squared Frobenius distance `½‖V − WH‖²`.
  case frobenius = "frobenius"
}

/// The update scheme of a restart (Docs/Methods-nmf.md §2).
public enum NMFSolver: String, Sendable, CaseIterable {
  /// Plain multiplicative updates (Lee & Seung 2001) in Brunet's order: monotone at every iteration.
  case multiplicative = "mu"
  /// Multiplicative updates followed by an extrapolation of each factor (Ang & Gillis 2019),
  /// with an adaptive weight that is undone, block by block, whenever the objective would increase:
  /// the objective at the checks is monotone, and restarts reach the same optimum in fewer iterations.
  /// Extrapolates from the first iteration (the default, Decisions 0013 and 0023).
  case extrapolated = "mu-extrapolated"
  /// Plain multiplicative updates for the first `NMFState.Extrapolation.warmupIterations`
  /// iterations, then `.extrapolated` (opt-in, Decision 0023). A restart's basin is chosen in its
  /// first iterations, so this ends in plain MU's basins (its restart splits and ranks) while the
  /// extrapolation still shortens the slow tail: on 300-sample designs as few iterations as
  /// `.extrapolated`. Not the default: plain MU's basins are better on some cohorts and worse on others.
  case warmExtrapolated = "mu-then-extrapolated"
  /// Cyclic coordinate descent with a safeguarded projected Newton step per entry of W and H for the
  /// KL objective (Hsieh & Dhillon 2011), masked or not; the Frobenius objective falls back to
  /// `.extrapolated`. Each accepted Newton step is certified not to increase the objective.
  case coordinateDescent = "ccd"
}

/// How W and H are initialised before the first update.
public enum NMFInitialization: String, Sendable, CaseIterable {
  /// Seeded uniform entries scaled so that the mean of W·H equals the mean of V.
  case random
  /// Non-negative double SVD (Boutsidis & Gallopoulos 2008); its zeros are raised only to the factor floor.
  case nndsvd
  /// NNDSVD with zeros replaced by the mean of V, so multiplicative updates can move them.
  case nndsvda
}

/// Settings for one NMF restart: objective, initialisation, stopping rule and resampling.
///
/// The stopping rule: every `checkInterval` iterations the objective D is evaluated; once at least
/// `minIterations` iterations have run, the restart stops (converged) when
/// `(D_previous − D) / D_previous < tolerance`, where D_previous is the value at the previous check,
/// and stops unconverged after `maxIterations`. Defaults were chosen by measurement on simulated
/// cohorts (Docs/Methods-nmf.md, "Defaults and the evidence").
///
/// ```swift
/// let config = try NMFConfiguration(objective: .kullbackLeibler, tolerance: 1e-7)
/// ```
public struct NMFConfiguration: Sendable, Equatable {
  /// Default relative objective decrease over one check interval below which a restart has converged.
  public static let defaultTolerance = 1e-6
  /// Default number of iterations between objective evaluations.
  public static let defaultCheckInterval = 10
  /// Default minimum number of iterations before the stopping rule may fire.
  public static let defaultMinIterations = 100
  /// Default iteration cap.
  public static let defaultMaxIterations = 5_000

  /// The objective minimised (default Kullback–Leibler).
  public var objective: NMFObjective
  /// The initialisation (default seeded random).
  public var initialization: NMFInitialization
  /// Relative objective decrease over `checkInterval` iterations below which the restart stops; >= 0.
  public var tolerance: Double
  /// Iterations between objective evaluations; >= 1.
  public var checkInterval: Int
  /// Iterations always run before the stopping rule is consulted; >= 0.
  public var minIterations: Int
  /// Iteration cap; >= max(1, minIterations).
  public var maxIterations: Int
  /// Whether each restart fits a Poisson resample of V (each cell drawn Poisson(Vᵢⱼ)) instead of V.
  public var resample: Bool
  /// The update scheme (default extrapolated multiplicative updates).
  public var solver: NMFSolver

  /// Creates a configuration, validating every field.
  /// - Throws: `NMFError.invalidParameter` naming the field and the value.
  public init(objective: NMFObjective = .kullbackLeibler, initialization: NMFInitialization = .random,
              tolerance: Double = NMFConfiguration.defaultTolerance,
              checkInterval: Int = NMFConfiguration.defaultCheckInterval,
              minIterations: Int = NMFConfiguration.defaultMinIterations,
              maxIterations: Int = NMFConfiguration.defaultMaxIterations,
              resample: Bool = false, solver: NMFSolver = .extrapolated) throws {
    try Self.validate(tolerance: tolerance, checkInterval: checkInterval, minIterations: minIterations,
                      maxIterations: maxIterations)
    self.objective = objective
    self.initialization = initialization
    self.tolerance = tolerance
    self.checkInterval = checkInterval
    self.minIterations = minIterations
    self.maxIterations = maxIterations
    self.resample = resample
    self.solver = solver
  }

  /// Re-checks the fields (they are `var`, so they can be changed after `init`); called by every
  /// entry point before iterating.
  /// - Throws: `NMFError.invalidParameter` naming the field and the value.
  public func validate() throws {
    try Self.validate(tolerance: tolerance, checkInterval: checkInterval, minIterations: minIterations,
                      maxIterations: maxIterations)
  }

  private static func validate(tolerance: Double, checkInterval: Int, minIterations: Int, maxIterations: Int) throws {
    guard tolerance.isFinite, tolerance >= 0 else {
      throw NMFError.invalidParameter("tolerance must be a finite number >= 0 (got \(tolerance))")
    }
    guard checkInterval >= 1 else {
      throw NMFError.invalidParameter("checkInterval must be >= 1 (got \(checkInterval))")
    }
    guard minIterations >= 0 else {
      throw NMFError.invalidParameter("minIterations must be >= 0 (got \(minIterations))")
    }
    guard maxIterations >= 1, maxIterations >= minIterations else {
      throw NMFError.invalidParameter(
        "maxIterations must be >= 1 and >= minIterations (got maxIterations \(maxIterations), minIterations \(minIterations))")
    }
  }
}

/// Errors from SigilNMF: bad parameters or a catalog the factorisation cannot accept.
public enum NMFError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A configuration or runner parameter is out of range; the text names it and the value.
  case invalidParameter(String)
  /// The rank is not in `1...min(channels, samples)`.
  case invalidRank(rank: Int, channels: Int, samples: Int)
  /// Sample (column) `index` (0-based) has no mutations, so its exposures are undefined.
  case zeroSample(index: Int)
  /// The catalog is empty or holds negative or non-finite values; the text says where.
  case invalidCatalog(String)

  public var description: String {
    switch self {
    case .invalidParameter(let text):
      return "invalid NMF parameter: \(text)"
    case .invalidRank(let rank, let channels, let samples):
      return "rank \(rank) is not possible for a catalog of \(channels) channels x \(samples) samples: expected 1...\(min(channels, samples))"
    case .zeroSample(let index):
      return "sample \(index + 1) (column \(index + 1) of the catalog) has no mutations: remove it before extraction"
    case .invalidCatalog(let text):
      return "invalid catalog for NMF: \(text)"
    }
  }
}

/// The numerical guards of the NMF updates, each with its reason (Docs/Methods-nmf.md, "Floors").
public enum NMFNumerics {
  /// Lower bound on every entry of W and H after each update.
  ///
  /// Multiplicative updates drive unused entries towards 0 geometrically; below ~2.2e-308 they
  /// become subnormal, and subnormal arithmetic is 10-100x slower on x86 (a restart would slow down
  /// as it converges). With every factor entry >= 1e-150, every product Wᵢₖ·Hₖⱼ >= 1e-300 is a
  /// normal number, so neither gemm nor the element-wise loops meet subnormals. 1e-150 is far below
  /// any signature weight or exposure that matters (counts are >= 1), so fits are unchanged.
  public static let factorFloor = 1e-150

  /// Lower bound on W·H inside the quotient V / (W·H), and on the Frobenius and masked MU denominators.
  ///
  /// With the factor floor, W·H >= 1e-300 already; this guards the remaining 0/0 cases (a Frobenius
  /// denominator that underflows, a sample whose cells are all masked out) so that a zero numerator
  /// gives 0, never NaN ("0/0 = 0 and not NaN", as scikit-learn guards its MU).
  public static let denominatorFloor = 1e-300
}

extension NMFSolver {
  /// Whether the solver extrapolates (and so needs `NMFState`'s extrapolation buffers).
  var extrapolates: Bool { self == .extrapolated || self == .warmExtrapolated }
}
