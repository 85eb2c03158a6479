import SigilCore
import SigilLinearAlgebra

/// Cyclic coordinate descent with Newton steps for the KL objective (solver `.coordinateDescent`;
/// Hsieh & Dhillon 2011; Docs/Methods-nmf.md §2).
///
/// One iteration (a *sweep*) visits every entry of H, column by column, then every entry of W, row by
/// row. With all other entries fixed, the (weighted) KL divergence as a function of one entry's
/// change s is the convex
/// ```
/// g(s) = Σᵢ Mᵢ·[bᵢ·s − Vᵢ·log(yᵢ + bᵢ·s)]  (+ constant)
/// g′(0) = Σᵢ Mᵢbᵢ − Σᵢ bᵢ·MᵢVᵢ/yᵢ        g″(0) = Σᵢ bᵢ²·MᵢVᵢ/yᵢ²
/// ```
/// (for an entry of H: i runs over channels, b is a column of W and y the column of W·H; for an entry
/// of W: i runs over samples, b is a row of H and y the row of W·H). The projected Newton step is
/// `s = max(−g′/g″, floor − x)`, and W·H is updated in place (`y += b·s`), so a step costs O(length).
///
/// **Safeguard.** g‴ = −2Σ bᵢ³MᵢVᵢ/(yᵢ + bᵢs)³ <= 0, so g″ is non-increasing in s and on the segment
/// between 0 and s it is at most max(g″(0), g″(s)). Hence `g(s) <= g(0) + g′(0)s + ½·max(g″(0), g″(s))·s²`,
/// and a step is **certified** not to increase the objective when that bound is <= g(0):
/// - a step to the right (g′(0) < 0) always is: g″ <= g″(0) on [0, s] and s = −g′/g″(0) gives
///   g(s) <= g(0) − g′²/(2g″(0));
/// - a step to the left is checked with g″(s), which the next Newton step needs anyway; if the bound
///   fails the step is halved (up to `maximumHalvings` times), then the entry is left unchanged.
/// The objective is never evaluated inside a sweep (no logarithms). Rounding in the updated W·H is
/// bounded by recomputing it with a gemm at the start of every half-sweep, and a block of sweeps whose
/// objective at the check is above the last accepted check is undone and rerun as plain MU, so the
/// objective at the checks never increases even by rounding.
///
/// **Floor.** Entries stay >= `NMFNumerics.factorFloor`, as with MU (no exact zeros reach the
/// consensus, cosine or output code; a Newton step can raise a floored entry again, so no zero locking).
///
/// **Convergence** is decided as for `.extrapolated`: when a block of `checkInterval` sweeps
/// decreased the objective by at most the tolerance, the next block is plain MU, and only that
/// block's relative decrease stops the restart; "converged" means what it means for `.multiplicative`.
extension NMFState {
  enum CoordinateDescent {
    /// Newton steps per entry per sweep. Hsieh & Dhillon iterate each one-variable problem to
    /// convergence; here a fixed small count was chosen by measurement (Methods-nmf.md §2).
    static let newtonSteps = 1
    /// Halvings of an uncertified step to the left before the entry is left unchanged.
    static let maximumHalvings = 30
  }

  /// One sweep: every entry of H, then every entry of W (Brunet's order). KL objective only.
  func coordinateDescentSweep() {
    guard let transposedV, let transposedWH, let transposedH else { preconditionFailure("no coordinate-descent buffers") }
    // H half-sweep: columns of V, W·H and H; basis = columns of W.
    updateReconstruction()
    let target = maskedV ?? v
    if let mk = mask {
      // c[r, j] = Σᵢ Mᵢⱼ Wᵢᵣ
      BLAS.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: w, lda: m, b: mk, ldb: m,
                beta: 0, c: numeratorH, ldc: k)
    } else {
      columnSums(w, rows: m)
    }
    for j in 0..<n {
      solveLine(y: wh + j * m, v: target + j * m, length: m, basis: w, basisStride: m,
                sums: mask == nil ? sums : numeratorH + j * k, sumStride: 1, x: h + j * k, xStride: 1)
    }
    factorsChanged()
    // W half-sweep: rows (contiguous in the transposed copies); basis = rows of H, i.e. columns of Hᵀ.
    for j in 0..<n { for r in 0..<k { transposedH[j + r * n] = h[r + j * k] } }
    BLAS.gemm(transposeA: true, transposeB: true, m: n, n: m, k: k, alpha: 1, a: h, lda: k, b: w, ldb: m,
              beta: 0, c: transposedWH, ldc: n)
    if let mk = mask {
      // c[i, r] = Σⱼ Mᵢⱼ Hᵣⱼ
      BLAS.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: mk, lda: m, b: h, ldb: k,
                beta: 0, c: numeratorW, ldc: m)
    } else {
      columnSums(transposedH, rows: n)
    }
    for i in 0..<m {
      solveLine(y: transposedWH + i * n, v: transposedV + i * n, length: n, basis: transposedH, basisStride: n,
                sums: mask == nil ? sums : numeratorW + i, sumStride: mask == nil ? 1 : m, x: w + i, xStride: m)
    }
    factorsChanged()
  }

  /// `sums[r]` = Σᵢ a[i, r] over the k columns of a column-major `rows` x k matrix (the unmasked
  /// Σᵢ Mᵢbᵢ of `solveLine`: the basis's column sums).
  private func columnSums(_ a: UnsafeMutablePointer<Double>, rows: Int) {
    for r in 0..<k {
      var s = 0.0
      for i in 0..<rows { s += a[i + r * rows] }
      sums[r] = s
    }
  }

  /// Newton steps on the k entries `x[r·xStride]` that share one line y of W·H (a column for H, a row for W).
  ///
  /// `basis + r·basisStride` is the vector b multiplying entry r, `sums[r·sumStride]` = Σᵢ Mᵢbᵢ, `v` the
  /// (weighted) catalog line. `y` is updated in place; a step accepted for entry r is applied to y
  /// in the same pass that computes the derivatives of the next entry.
  @inline(__always)
  func solveLine(y: UnsafeMutablePointer<Double>, v: UnsafePointer<Double>, length: Int,
                 basis: UnsafePointer<Double>, basisStride: Int, sums: UnsafePointer<Double>, sumStride: Int,
                 x: UnsafeMutablePointer<Double>, xStride: Int, newtonSteps: Int = CoordinateDescent.newtonSteps) {
    let floor = NMFNumerics.factorFloor
    var pendingBasis = basis, pendingDelta = 0.0
    for r in 0..<k {
      let b = basis + r * basisStride
      let c = sums[r * sumStride]
      var (s1, s2) = Self.derivativePass(y: y, v: v, length: length, apply: pendingBasis, delta: pendingDelta, basis: b)
      pendingDelta = 0
      for t in 0..<newtonSteps {
        let x0 = x[r * xStride]
        let g1 = c - s1, g2 = s2
        // g″ = 0: g is linear (no counts where b > 0), its minimum is at the floor when g′ > 0.
        var step = g2 > 0 ? -g1 / g2 : (g1 > 0 ? -Double.infinity : 0)
        step = max(step, floor - x0)
        guard step.isFinite, step != 0 else { break }
        if step > 0 {
          // To the right: certified (see the type's comment).
          x[r * xStride] = x0 + step
          if t + 1 < newtonSteps {
            (s1, s2) = Self.derivativePass(y: y, v: v, length: length, apply: b, delta: step, basis: b)
          } else {
            pendingBasis = b; pendingDelta = step
          }
          continue
        }
        // To the left: certify with g″ at the trial point, halving until the bound holds.
        var applied = 0.0, trial = step, accepted = false
        for _ in 0...CoordinateDescent.maximumHalvings {
          let (n1, n2) = Self.derivativePass(y: y, v: v, length: length, apply: b, delta: trial - applied, basis: b)
          applied = trial
          if g1 * trial + 0.5 * n2 * trial * trial <= 0 {
            s1 = n1; s2 = n2; accepted = true
            break
          }
          trial *= 0.5
        }
        if accepted {
          x[r * xStride] = max(x0 + trial, floor)
        } else {
          pendingBasis = b; pendingDelta = -applied  // undo the trial on y
          break
        }
      }
    }
    if pendingDelta != 0 {
      for i in 0..<length { y[i] = max(y[i] + pendingBasis[i] * pendingDelta, NMFNumerics.denominatorFloor) }
    }
  }

  /// `y += apply·delta` (kept >= the denominator floor), then `(Σ bᵢVᵢ/yᵢ, Σ bᵢ²Vᵢ/yᵢ²)` at the new y.
  /// Four interleaved partial sums in a fixed order: deterministic, free of one long dependency
  /// chain, and vectorisable by the compiler (plain scalar code, so debug builds stay fast too).
  @inline(__always)
  private static func derivativePass(y: UnsafeMutablePointer<Double>, v: UnsafePointer<Double>, length: Int,
                                     apply: UnsafePointer<Double>, delta: Double,
                                     basis b: UnsafePointer<Double>) -> (Double, Double) {
    let floor = NMFNumerics.denominatorFloor
    var f0 = 0.0, f1 = 0.0, f2 = 0.0, f3 = 0.0, s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    @inline(__always) func term(_ i: Int) -> (Double, Double) {
      let yi = max(y[i] + apply[i] * delta, floor)
      y[i] = yi
      let inverse = 1 / yi
      let bt = b[i] * (v[i] * inverse)
      return (bt, bt * b[i] * inverse)
    }
    var i = 0
    while i + 4 <= length {
      let t0 = term(i), t1 = term(i + 1), t2 = term(i + 2), t3 = term(i + 3)
      f0 += t0.0; f1 += t1.0; f2 += t2.0; f3 += t3.0
      s0 += t0.1; s1 += t1.1; s2 += t2.1; s3 += t3.1
      i += 4
    }
    while i < length {
      let t = term(i)
      f0 += t.0; s0 += t.1
      i += 1
    }
    return ((f0 + f1) + (f2 + f3), (s0 + s1) + (s2 + s3))
  }

  /// The stopping rule of `NMFConfiguration` over sweeps; plain MU verifies convergence and replaces
  /// any block whose objective went up (see the type's comment).
  func iterateCoordinateDescent(_ configuration: NMFConfiguration) -> (iterations: Int, converged: Bool, objective: Double) {
    guard let savedW, let savedH else { preconditionFailure("no snapshot buffers") }
    let interval = configuration.checkInterval, minimum = configuration.minIterations
    func save() { savedW.update(from: w, count: m * k); savedH.update(from: h, count: k * n) }
    func restore() { w.update(from: savedW, count: m * k); h.update(from: savedH, count: k * n); factorsChanged() }
    save()
    var accepted = objective()
    var iteration = 0, converged = false, plainBlock = false
    while iteration < configuration.maxIterations {
      let steps = min(interval, configuration.maxIterations - iteration)
      for _ in 0..<steps { if plainBlock { klStep() } else { coordinateDescentSweep() } }
      iteration += steps
      let current = objective()
      checkHistory?.append(current)
      let previous = accepted
      if current <= accepted {
        accepted = current
        save()
      } else {
        // Up (by rounding) or NaN: undo the block. After sweeps, rerun it as plain MU (monotone);
        // a plain block that went up by rounding decreased by nothing, which the rule below reads as stalled.
        restore()
        if !plainBlock {
          acceptedHistory?.append(accepted)
          plainBlock = true
          continue
        }
      }
      acceptedHistory?.append(accepted)
      let stalled = iteration >= minimum && previous - accepted <= configuration.tolerance * previous
      if plainBlock {
        plainBlock = false
        if stalled { converged = true; break }
      } else if stalled {
        plainBlock = true
      }
    }
    return (iteration, converged, objective())
  }
}
