import SigilCore

/// Extrapolated multiplicative updates (solvers `.extrapolated` and `.warmExtrapolated`;
/// Docs/Methods-nmf.md §2).
///
/// After each factor's multiplicative update X⁺ = MU(·), the factor used from then on is
/// `Y = max(X⁺ + β·(X⁺ − X), 0.8·X⁺)`, X the previous update's output (the extrapolation of Ang &
/// Gillis 2019 applied to MU). β adapts per block of `checkInterval` iterations, which is where the
/// objective is evaluated: a block whose final objective is above the last accepted check is
/// undone (factors restored), β shrinks, and the block is rerun as plain MU, which cannot increase
/// the objective; an accepted block grows β. So the objective at the checks never increases and a
/// restart ends on the factors of its last accepted check. Convergence is decided only on a plain
/// MU block (after an extrapolated block decreased by less than the tolerance), so the stopping
/// rule means what it means for `.multiplicative`. `.warmExtrapolated` runs every block that starts
/// before `Extrapolation.warmupIterations` as plain MU (bit for bit `.multiplicative`'s iterations,
/// β and its cap untouched), so extrapolation starts at the first check at or after the warm-up.
extension NMFState {
  /// Initial weight, growth per accepted block, shrink per rejected or stalled block, and the
  /// starting cap (itself growing per accepted block up to 1). Ang & Gillis (2019) use β₀ = 0.5,
  /// γ = 1.05, γ̄ = 1.01 and η = 1.5 per iteration; ours act per block of 10 iterations and were
  /// tuned on a cohort not used for the evaluation (Methods-nmf.md §2: 300 samples, k = 10).
  enum Extrapolation {
    static let initialBeta = 0.3
    static let growth = 1.1
    static let capGrowth = 1.1
    static let shrink = 1.5
    static let initialCap = 0.5
    static let maximumCap = 1.0
    /// An extrapolated entry keeps at least this fraction of the updated one. Projecting onto the
    /// floor instead (as the linear extrapolation would) sets entries to ~0, where multiplicative
    /// updates can no longer move them; restarts then stopped at visibly worse optima.
    static let minimumFraction = 0.8
    /// Plain MU iterations before the first extrapolated block of `.warmExtrapolated` (Decision
    /// 0023). 100 to 500 plain iterations gave plain MU's restart splits and ranks on the four cohorts
    /// where the two solvers differ most (20 already did on another); 200 leaves margin, and on
    /// 300-sample designs the restarts still take as many iterations as `.extrapolated`
    /// (Docs/Methods-nmf.md §2, "Session 9: solver schedule").
    static let warmupIterations = 200
  }

  /// `x ← max(x + β(x − plain), 0.8·x, floor)` in place, and `plain ← x` (the update's own output).
  @inline(__always) func extrapolate(_ x: UnsafeMutablePointer<Double>, plain: UnsafeMutablePointer<Double>?, count: Int) {
    guard let plain else { return }
    let b = beta
    if b == 0 {
      plain.update(from: x, count: count)
      return
    }
    let keep = Extrapolation.minimumFraction, floor = NMFNumerics.factorFloor
    for i in 0..<count {
      let updated = x[i]
      x[i] = max(updated + b * (updated - plain[i]), keep * updated, floor)
      plain[i] = updated
    }
  }

  /// Copies the current factors into the snapshot of the last accepted check.
  private func save() {
    savedW!.update(from: w, count: m * k); savedH!.update(from: h, count: k * n)
  }

  /// Restores the factors of the last accepted check (and restarts the extrapolation from them).
  private func restore() {
    w.update(from: savedW!, count: m * k); h.update(from: savedH!, count: k * n)
    plainW!.update(from: savedW!, count: m * k); plainH!.update(from: savedH!, count: k * n)
    factorsChanged()
  }

  /// The stopping rule of `NMFConfiguration` over accepted checks (see the type's comment).
  func iterateExtrapolated(_ configuration: NMFConfiguration) -> (iterations: Int, converged: Bool, objective: Double) {
    let interval = configuration.checkInterval, minimum = configuration.minIterations
    let warmup = configuration.solver == .warmExtrapolated ? Extrapolation.warmupIterations : 0
    plainW!.update(from: w, count: m * k); plainH!.update(from: h, count: k * n)
    save()
    var accepted = objective()
    var iteration = 0, converged = false
    var nextBeta = Extrapolation.initialBeta, cap = Extrapolation.initialCap
    var plainBlock = false
    while iteration < configuration.maxIterations {
      // A warm-up block is a plain block: never undone, and it may decide convergence.
      if iteration < warmup { plainBlock = true }
      beta = plainBlock ? 0 : nextBeta
      let steps = min(interval, configuration.maxIterations - iteration)
      for _ in 0..<steps { step() }
      iteration += steps
      let current = objective()
      if !plainBlock && !(current <= accepted) {
        // Undo the block; rerun it as plain MU (monotone) with a smaller β for the block after.
        checkHistory?.append(current)
        restore()
        acceptedHistory?.append(accepted)
        cap = nextBeta
        nextBeta /= Extrapolation.shrink
        plainBlock = true
        continue
      }
      checkHistory?.append(current)
      let previous = accepted
      if current > previous {
        // A plain block went up by rounding (MU is monotone in exact arithmetic): keep the snapshot.
        restore()
      } else {
        accepted = current
        save()
      }
      acceptedHistory?.append(accepted)
      let stalled = iteration >= minimum && previous - accepted <= configuration.tolerance * previous
      if plainBlock {
        // Only a plain MU block decides convergence, so the rule means what it means for `.multiplicative`.
        plainBlock = false
        if stalled { converged = true; break }
        continue
      }
      if stalled {
        // Extrapolation can stall where MU would still descend: verify with a plain block, and
        // extrapolate less from here on.
        cap = nextBeta
        nextBeta /= Extrapolation.shrink
        plainBlock = true
        continue
      }
      nextBeta = min(cap, nextBeta * Extrapolation.growth)
      cap = min(Extrapolation.maximumCap, cap * Extrapolation.capGrowth)
    }
    if !(objective() <= accepted) { restore() }
    beta = 0
    return (iteration, converged, objective())
  }
}
