import Foundation
import SigilCore
import SigilLinearAlgebra

/// Preallocated buffers and update kernels for one NMF restart (internal; one thread at a time).
///
/// Math names map to the domain as: `v` catalog (m channels x n samples), `w` signatures (m x k),
/// `h` exposures (k x n), `wh` the reconstruction W·H, `quotient` V/(W·H) (KL) or W·H − V.
/// All storage is column-major and allocated once in `init`; `step()` allocates nothing, so a restart
/// of thousands of iterations touches the allocator only at its start and end.
final class NMFState {
  let m: Int, n: Int, k: Int
  let objectiveKind: NMFObjective
  /// The fitted catalog V.
  let v: UnsafeMutablePointer<Double>
  /// Optional cell weights M (0/1 for cross-validation) and M∘V.
  let mask: UnsafeMutablePointer<Double>?
  let maskedV: UnsafeMutablePointer<Double>?
  let w: UnsafeMutablePointer<Double>
  let h: UnsafeMutablePointer<Double>
  let wh: UnsafeMutablePointer<Double>
  let quotient: UnsafeMutablePointer<Double>
  let numeratorW: UnsafeMutablePointer<Double>, denominatorW: UnsafeMutablePointer<Double>
  let numeratorH: UnsafeMutablePointer<Double>, denominatorH: UnsafeMutablePointer<Double>
  let sums: UnsafeMutablePointer<Double>
  let gram: UnsafeMutablePointer<Double>
  /// Extrapolation (solver `.extrapolated`, NMFState+Extrapolation.swift): the weight β applied
  /// after each factor's update (0 = plain MU), the last plain MU outputs of W and H, and the factors
  /// at the last accepted check. The buffers are nil for plain MU.
  var beta = 0.0
  let plainW: UnsafeMutablePointer<Double>?, plainH: UnsafeMutablePointer<Double>?
  let savedW: UnsafeMutablePointer<Double>?, savedH: UnsafeMutablePointer<Double>?
  /// Coordinate descent (solver `.coordinateDescent`, NMFState+CoordinateDescent.swift): the fitted
  /// catalog transposed (M∘V when masked), (W·H)ᵀ and Hᵀ, so the W half-sweep reads contiguous rows.
  /// nil for the other solvers (which also leave `savedW`/`savedH` nil unless they extrapolate).
  let transposedV: UnsafeMutablePointer<Double>?, transposedWH: UnsafeMutablePointer<Double>?
  let transposedH: UnsafeMutablePointer<Double>?
  /// For tests: when non-nil, the extrapolated solver appends the objective at every check
  /// (accepted or not) and `acceptedHistory` the objective it continues from after each check.
  var checkHistory: [Double]?
  var acceptedHistory: [Double]?
  /// Whether `wh` equals W·H for the current factors.
  private var reconstructionIsCurrent = false

  private var cachedObjective: Double?

  private var allocations: [UnsafeMutablePointer<Double>] = []

  /// Creates the state for V ≈ W·H from initial factors (entries raised to `NMFNumerics.factorFloor`).
  init(v catalog: Matrix, mask weights: Matrix?, w w0: Matrix, h h0: Matrix,
       objective: NMFObjective, extrapolation: Bool = false, coordinateDescent: Bool = false) {
    m = catalog.rows; n = catalog.columns; k = w0.columns
    precondition(w0.rows == m && h0.rows == k && h0.columns == n, "initial factors do not match the catalog")
    objectiveKind = objective
    func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
      let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
      p.initialize(repeating: 0, count: max(count, 1))
      return p
    }
    var list: [UnsafeMutablePointer<Double>] = []
    func owned(_ count: Int) -> UnsafeMutablePointer<Double> { let p = buffer(count); list.append(p); return p }
    v = owned(m * n); w = owned(m * k); h = owned(k * n); wh = owned(m * n); quotient = owned(m * n)
    numeratorW = owned(m * k); denominatorW = owned(m * k); numeratorH = owned(k * n); denominatorH = owned(k * n)
    sums = owned(k); gram = owned(k * k)
    if extrapolation {
      plainW = owned(m * k); plainH = owned(k * n)
    } else {
      plainW = nil; plainH = nil
    }
    if extrapolation || coordinateDescent {
      savedW = owned(m * k); savedH = owned(k * n)
    } else {
      savedW = nil; savedH = nil
    }
    for i in 0..<(m * n) { v[i] = catalog.values[i] }
    for i in 0..<(m * k) { w[i] = max(w0.values[i], NMFNumerics.factorFloor) }
    for i in 0..<(k * n) { h[i] = max(h0.values[i], NMFNumerics.factorFloor) }
    if let weights {
      precondition(weights.rows == m && weights.columns == n, "mask shape differs from the catalog")
      let mk = owned(m * n), mv = owned(m * n)
      for i in 0..<(m * n) { mk[i] = weights.values[i]; mv[i] = weights.values[i] * catalog.values[i] }
      mask = mk; maskedV = mv
    } else {
      mask = nil; maskedV = nil
    }
    if coordinateDescent {
      let vt = owned(n * m), target = maskedV ?? v
      for j in 0..<n { for i in 0..<m { vt[j + i * n] = target[i + j * m] } }
      transposedV = vt; transposedWH = owned(n * m); transposedH = owned(n * k)
    } else {
      transposedV = nil; transposedWH = nil; transposedH = nil
    }
    allocations = list
  }

  deinit { for p in allocations { p.deallocate() } }

  // MARK: Reconstruction and objective

  /// Recomputes W·H into `wh` if the factors changed since it was last computed.
  @inline(__always) func updateReconstruction() {
    if reconstructionIsCurrent { return }
    BLAS.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: w, lda: m, b: h, ldb: k,
              beta: 0, c: wh, ldc: m)
    reconstructionIsCurrent = true
  }

  /// The objective at the current factors: KL divergence or ½‖V − WH‖² (masked cells weighted by M).
  func objective() -> Double {
    if let cachedObjective, reconstructionIsCurrent { return cachedObjective }
    updateReconstruction()
    let value: Double
    switch (objectiveKind, mask) {
    case (.kullbackLeibler, nil): value = Divergence.kullbackLeibler(v, wh, count: m * n)
    case (.kullbackLeibler, let mk?): value = Divergence.maskedKullbackLeibler(v, wh, mask: mk, count: m * n)
    case (.frobenius, nil): value = Divergence.halfSquaredDistance(v, wh, count: m * n)
    case (.frobenius, let mk?):
      var total = 0.0
      for i in 0..<(m * n) { let d = v[i] - wh[i]; total += mk[i] * d * d }
      value = 0.5 * total
    }
    cachedObjective = value
    return value
  }

  /// Marks the factors as changed.
  @inline(__always) func factorsChanged() { reconstructionIsCurrent = false; cachedObjective = nil }

  // MARK: One iteration

  /// Runs one multiplicative-update iteration for the objective.
  func step() {
    switch objectiveKind {
    case .kullbackLeibler: klStep()
    case .frobenius: frobeniusStep()
    }
  }

  /// `quotient = V / max(W·H, floor)` (masked: M∘V / W·H), for the KL updates.
  @inline(__always) private func fillKLQuotient() {
    let numerator = maskedV ?? v
    let floor = NMFNumerics.denominatorFloor
    for i in 0..<(m * n) { quotient[i] = numerator[i] / max(wh[i], floor) }
  }

  /// One Brunet-order KL multiplicative update: H, then W with the new H (Lee & Seung 2001).
  ///
  /// ```
  /// H ← H ∘ (Wᵀ (V ⊘ WH)) ⊘ (Wᵀ M)        (Wᵀ M = column sums of W when unmasked)
  /// W ← W ∘ ((V ⊘ WH) Hᵀ) ⊘ (M Hᵀ)        (M Hᵀ = row sums of H when unmasked)
  /// ```
  func klStep() {
    let floor = NMFNumerics.factorFloor, denominatorFloor = NMFNumerics.denominatorFloor
    updateReconstruction()
    fillKLQuotient()
    BLAS.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: w, lda: m, b: quotient, ldb: m,
              beta: 0, c: numeratorH, ldc: k)
    if let mk = mask {
      BLAS.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: w, lda: m, b: mk, ldb: m,
                beta: 0, c: denominatorH, ldc: k)
      for i in 0..<(k * n) { h[i] = max(h[i] * numeratorH[i] / max(denominatorH[i], denominatorFloor), floor) }
    } else {
      for c in 0..<k {
        var s = 0.0
        let col = w + c * m
        for i in 0..<m { s += col[i] }
        sums[c] = 1 / s  // s >= m·factorFloor > 0
      }
      for j in 0..<n {
        let hj = h + j * k, nj = numeratorH + j * k
        for c in 0..<k { hj[c] = max(hj[c] * nj[c] * sums[c], floor) }
      }
    }
    extrapolate(h, plain: plainH, count: k * n)
    factorsChanged()
    updateReconstruction()
    fillKLQuotient()
    BLAS.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: quotient, lda: m, b: h, ldb: k,
              beta: 0, c: numeratorW, ldc: m)
    if let mk = mask {
      BLAS.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: mk, lda: m, b: h, ldb: k,
                beta: 0, c: denominatorW, ldc: m)
      for i in 0..<(m * k) { w[i] = max(w[i] * numeratorW[i] / max(denominatorW[i], denominatorFloor), floor) }
    } else {
      for c in 0..<k { sums[c] = 0 }
      for j in 0..<n {
        let hj = h + j * k
        for c in 0..<k { sums[c] += hj[c] }
      }
      for c in 0..<k {
        let inverse = 1 / sums[c]  // sums >= n·factorFloor > 0
        let wc = w + c * m, nc = numeratorW + c * m
        for i in 0..<m { wc[i] = max(wc[i] * nc[i] * inverse, floor) }
      }
    }
    extrapolate(w, plain: plainW, count: m * k)
    factorsChanged()
  }

  /// One Frobenius multiplicative update (Lee & Seung 2001), H then W:
  ///
  /// ```
  /// H ← H ∘ (Wᵀ V) ⊘ (WᵀW H)        W ← W ∘ (V Hᵀ) ⊘ (W HHᵀ)
  /// ```
  /// Masked: V → M∘V and the denominators become Wᵀ(M∘WH) and (M∘WH)Hᵀ.
  func frobeniusStep() {
    let floor = NMFNumerics.factorFloor, denominatorFloor = NMFNumerics.denominatorFloor
    let target = maskedV ?? v
    BLAS.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: w, lda: m, b: target, ldb: m,
              beta: 0, c: numeratorH, ldc: k)
    if let mk = mask {
      updateReconstruction()
      for i in 0..<(m * n) { quotient[i] = mk[i] * wh[i] }
      BLAS.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: w, lda: m, b: quotient, ldb: m,
                beta: 0, c: denominatorH, ldc: k)
    } else {
      BLAS.gemm(transposeA: true, transposeB: false, m: k, n: k, k: m, alpha: 1, a: w, lda: m, b: w, ldb: m,
                beta: 0, c: gram, ldc: k)
      BLAS.gemm(transposeA: false, transposeB: false, m: k, n: n, k: k, alpha: 1, a: gram, lda: k, b: h, ldb: k,
                beta: 0, c: denominatorH, ldc: k)
    }
    for i in 0..<(k * n) { h[i] = max(h[i] * numeratorH[i] / max(denominatorH[i], denominatorFloor), floor) }
    extrapolate(h, plain: plainH, count: k * n)
    factorsChanged()
    BLAS.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: target, lda: m, b: h, ldb: k,
              beta: 0, c: numeratorW, ldc: m)
    if let mk = mask {
      updateReconstruction()
      for i in 0..<(m * n) { quotient[i] = mk[i] * wh[i] }
      BLAS.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: quotient, lda: m, b: h, ldb: k,
                beta: 0, c: denominatorW, ldc: m)
    } else {
      BLAS.gemm(transposeA: false, transposeB: true, m: k, n: k, k: n, alpha: 1, a: h, lda: k, b: h, ldb: k,
                beta: 0, c: gram, ldc: k)
      BLAS.gemm(transposeA: false, transposeB: false, m: m, n: k, k: k, alpha: 1, a: w, lda: m, b: gram, ldb: k,
                beta: 0, c: denominatorW, ldc: m)
    }
    for i in 0..<(m * k) { w[i] = max(w[i] * numeratorW[i] / max(denominatorW[i], denominatorFloor), floor) }
    extrapolate(w, plain: plainW, count: m * k)
    factorsChanged()
  }

  // MARK: Stopping rule and result

  /// Iterates until the stopping rule of `configuration` fires; returns the iteration count,
  /// whether it converged and the final objective.
  func iterate(_ configuration: NMFConfiguration) -> (iterations: Int, converged: Bool, objective: Double) {
    if configuration.solver.extrapolates, plainW != nil { return iterateExtrapolated(configuration) }
    if configuration.solver == .coordinateDescent, transposedV != nil { return iterateCoordinateDescent(configuration) }
    let interval = configuration.checkInterval, minimum = configuration.minIterations
    // The objective is only evaluated where a stopping decision can use it: the first decision is
    // at the first check at or after `minIterations`, and it compares with the check before.
    var previous: Double? = minimum <= interval ? objective() : nil
    var iteration = 0
    var converged = false
    while iteration < configuration.maxIterations {
      step()
      iteration += 1
      if iteration % interval == 0 && iteration + interval >= minimum {
        let current = objective()
        // Relative decrease since the last check; "<=" so an exactly stalled objective (including 0) stops.
        if iteration >= minimum, let previous, previous - current <= configuration.tolerance * previous {
          converged = true
          break
        }
        previous = current
      }
    }
    return (iteration, converged, objective())
  }

  /// The current factors with W's columns scaled to sum 1 and H's rows scaled inversely (W·H unchanged).
  func normalizedFactors() -> (w: Matrix, h: Matrix) {
    var wm = Matrix(rows: m, columns: k, values: Array(UnsafeBufferPointer(start: w, count: m * k)))
    var hm = Matrix(rows: k, columns: n, values: Array(UnsafeBufferPointer(start: h, count: k * n)))
    NMFNumerics.scaleToUnitColumnSums(&wm, &hm)
    return (wm, hm)
  }
}
