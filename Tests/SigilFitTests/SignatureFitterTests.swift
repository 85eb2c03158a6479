import Foundation
import Testing
import SigilCore
import SigilTestSupport
@testable import SigilFit

/// Exact (noise-free) mixtures are recovered up to the NNLS solve's rounding: Cholesky on a
/// Gram matrix of COSMIC columns loses ~6 digits to conditioning, so 1e-6 relative.
private let exactRecovery = 1e-6

private func mixture(_ cosmic: SignatureSet, _ parts: [(String, Double)]) -> [Double] {
  (0..<96).map { i in parts.reduce(0.0) { $0 + cosmic.matrix[i, cosmic.names.firstIndex(of: $1.0)!] * $1.1 } }
}

@Suite("SignatureFitter") struct SignatureFitterTests {
  static let cosmic = try! Fixtures.cosmicSBS96()

  // Not .kl: Poisson ML on all ~80 COSMIC signatures by EM from a flat start spreads tiny exposures
  // over many signatures before its 1e-10 stopping rule fires (tested on its own below).
  @Test("an exact mixture is recovered with exactly its signatures", arguments: FitMethod.allCases.filter { $0 != .kl })
  func exactMixture(method: FitMethod) throws {
    let parts = [("SBS1", 300.0), ("SBS5", 1200.0), ("SBS13", 500.0)]
    let fitter = SignatureFitter(signatures: Self.cosmic, configuration: try FitConfiguration(method: method))
    let fit = fitter.fit(mixture(Self.cosmic, parts))
    for (name, value) in parts {
      let x = fit.exposures[Self.cosmic.names.firstIndex(of: name)!]
      #expect(approximatelyEqual(x, value, relative: exactRecovery), "\(method) \(name): \(x)")
    }
    if method != .nnls { #expect(fit.signatureCount == 3, "\(method) selected \(fit.signatureCount)") }
    #expect(fit.cosine! > 1 - 1e-12)
    #expect(fit.kl! < 1e-6)
    #expect(fit.l2 < 1e-6)
    #expect(fit.mutations == 2000)
  }

  @Test("sparse fitting removes NNLS's false signatures at high burden", arguments: [FitMethod.likelihood, .cosine])
  func falsePositives(method: FitMethod) throws {
    var rng = SeededGenerator(seed: 11)
    let plan = try SimulationPlan(signatures: Self.cosmic, alwaysActive: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13", "SBS18"],
                                  sampleCount: 12, burdenMedian: 20_000, burdenSpread: 0.2)
    let cohort = plan.simulate(using: &rng)
    let truth = cohort.exposures
    func falsePositives(_ fitter: SignatureFitter) -> Double {
      var fp = 0
      for s in 0..<12 {
        let x = fitter.fit(cohort.catalog.counts.column(s)).exposures
        for (j, name) in Self.cosmic.names.enumerated() where x[j] > 0 {
          let t = truth.signatureNames.firstIndex(of: name).map { truth.values[s, $0] } ?? 0
          if t == 0 { fp += 1 }
        }
      }
      return Double(fp) / 12
    }
    let plain = falsePositives(SignatureFitter(signatures: Self.cosmic, configuration: try FitConfiguration(method: .nnls)))
    let sparse = falsePositives(SignatureFitter(signatures: Self.cosmic, configuration: try FitConfiguration(method: method)))
    #expect(plain > 5, "plain NNLS false positives per sample: \(plain)")
    #expect(sparse < 0.5, "\(method) false positives per sample: \(sparse)")
  }

  @Test("an all-zero sample gets zero exposures and no cosine or KL")
  func zeroSample() {
    let fit = SignatureFitter(signatures: Self.cosmic).fit([Double](repeating: 0, count: 96))
    #expect(fit.exposures.allSatisfy { $0 == 0 })
    #expect(fit.cosine == nil && fit.kl == nil)
    #expect(fit.l2 == 0 && fit.mutations == 0 && fit.signatureCount == 0)
  }

  @Test("statistics by hand: a one-channel sample fitted by a two-channel signature")
  func statistics() throws {
    // Signature s = (1/2, 1/2, 0, ...); sample b = (4, 0, 0, ...). NNLS: x = argmin (4 − x/2)² + (x/2)²
    // -> x = 4; ŷ = (2, 2, 0...). cosine = 8 / (4·√8) = 1/√2; KL = 4·log(4/2) − 4 + 2 + 2 = 4 log 2;
    // L2 = √(4 + 4) = √8.
    var m = Matrix(rows: 96, columns: 1)
    m[0, 0] = 0.5; m[1, 0] = 0.5
    let set = SignatureSet(mutationClass: .sbs96, names: ["A"], matrix: m)
    var b = [Double](repeating: 0, count: 96); b[0] = 4
    for method in FitMethod.allCases {
      let fit = SignatureFitter(signatures: set, configuration: try FitConfiguration(method: method)).fit(b)
      #expect(approximatelyEqual(fit.exposures[0], 4, relative: Tolerance.kernel), "\(method)")
      #expect(approximatelyEqual(fit.cosine!, 0.5.squareRoot(), relative: Tolerance.kernel))
      #expect(approximatelyEqual(fit.kl!, 4 * log(2.0), relative: Tolerance.kernel))
      #expect(approximatelyEqual(fit.l2, 8.0.squareRoot(), relative: Tolerance.kernel))
    }
  }

  @Test("configuration validation messages")
  func configuration() {
    #expect(throws: FitError.invalidParameter("the remove threshold (5.0) must not exceed the add threshold (1.0), or signatures could be added and removed forever")) {
      try FitConfiguration(method: .likelihood, addThreshold: 1, removeThreshold: 5)
    }
    #expect(throws: FitError.invalidParameter("fit thresholds must be finite and >= 0 (got add -1.0, remove 0.0)")) {
      try FitConfiguration(method: .cosine, addThreshold: -1, removeThreshold: 0)
    }
  }
}

@Suite("Decomposition") struct DecompositionTests {
  @Test("a reference signature decomposes onto itself")
  func identity() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let d = SignatureFitter.decompose(signature: cosmic.matrix.column(cosmic.names.firstIndex(of: "SBS4")!), onto: cosmic)
    #expect(d.components == ["SBS4"])
    #expect(approximatelyEqual(d.weights.reduce(0, +), 1, relative: Tolerance.kernel))
    #expect(d.cosine > 1 - 1e-12)
  }

  @Test("a 70/30 mix of SBS2 and SBS13 decomposes into them")
  func mix() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let i2 = cosmic.names.firstIndex(of: "SBS2")!, i13 = cosmic.names.firstIndex(of: "SBS13")!
    let sig = (0..<96).map { 0.7 * cosmic.matrix[$0, i2] + 0.3 * cosmic.matrix[$0, i13] }
    let d = SignatureFitter.decompose(signature: sig.map { $0 * 5 }, onto: cosmic)   // scale is irrelevant
    #expect(d.components == ["SBS2", "SBS13"])
    #expect(approximatelyEqual(d.weights[i2], 0.7, relative: exactRecovery))
    #expect(approximatelyEqual(d.weights[i13], 0.3, relative: exactRecovery))
    #expect(d.cosine > 1 - 1e-12)
  }
}

@Suite("Fit inputs") struct FitInputsTests {
  @Test("class mismatch names the missing catalog labels")
  func mismatch() throws {
    let dbs = try SignatureSet.read(path: Fixtures.reference("COSMIC_v3.4_DBS_GRCh37.txt"))
    let catalog = MutationCatalog(mutationClass: .sbs96, sampleNames: ["a"])
    #expect(throws: FitError.self) { try FitInputs.check(catalog: catalog, signatures: dbs) }
    do { try FitInputs.check(catalog: catalog, signatures: dbs) } catch {
      #expect("\(error)" == "the catalog has SBS96 channels but the signatures have DBS78 channels; the signature table lacks the catalog labels A[C>A]A, A[C>A]C, A[C>A]G, A[C>A]T, A[C>G]A, ... (96 in all). Fit SBS96 signatures (e.g. the matching COSMIC table) to this catalog")
    }
  }

  @Test("include/exclude: subsets in set order; unknown names are errors")
  func subset() throws {
    let cosmic = try Fixtures.cosmicSBS96()
    let s = try FitInputs.subset(cosmic, include: ["SBS5", "SBS1", "SBS13"], exclude: ["SBS13"])
    #expect(s.names == ["SBS1", "SBS5"])
    #expect(try FitInputs.subset(cosmic, include: nil, exclude: ["SBS1"]).count == cosmic.count - 1)
    #expect(throws: FitError.unknownSignatures(option: "--include", names: ["SBS999"], available: cosmic.names)) {
      try FitInputs.subset(cosmic, include: ["SBS1", "SBS999"], exclude: [])
    }
    #expect("\(FitError.unknownSignatures(option: "--exclude", names: ["X"], available: ["A", "B"]))" == "--exclude: unknown signature(s) X; the set has A, B")
    #expect(throws: FitError.emptySignatureSet) { try FitInputs.subset(cosmic, include: ["SBS1"], exclude: ["SBS1"]) }
  }

  @Test("negative counts are rejected naming sample and channel")
  func negative() {
    var m = Matrix(rows: 96, columns: 1)
    m[2, 0] = -1
    let catalog = MutationCatalog(mutationClass: .sbs96, sampleNames: ["t1"], counts: m)
    let sigs = SignatureSet(mutationClass: .sbs96, names: ["A"], matrix: Matrix(rows: 96, columns: 1, repeating: 1))
    #expect(throws: FitError.invalidCount(sample: "t1", channel: "A[C>A]G", value: -1)) { try FitInputs.check(catalog: catalog, signatures: sigs) }
  }
}

@Suite("Exposure estimators without selection (shared with extract)") struct ExposureEstimationTests {
  @Test("--method kl and nnls in the fitter are exactly the matrix estimators extract calls")
  func sameEngine() throws {
    let cosmic = try Fixtures.cosmicSBS96().selecting(["SBS1", "SBS5", "SBS13"], path: "test")
    var rng = SeededGenerator(seed: 11)
    let v = Matrix(rows: 96, columns: (0..<4).map { _ in (0..<96).map { _ in Double(Int(rng.nextUniform() * 20)) } })
    for method in [FitMethod.kl, .nnls] {
      let fitter = SignatureFitter(signatures: cosmic, configuration: try FitConfiguration(method: method))
      let h = SignatureFitter.exposures(catalog: v, signatures: cosmic.matrix, method: method)
      for j in 0..<v.columns { #expect(fitter.exposures(v.column(j)) == h.column(j), "\(method) sample \(j)") }
    }
  }

  @Test("--method kl recovers planted exposures of an exact mixture")
  func poissonRecovers() throws {
    let cosmic = try Fixtures.cosmicSBS96().selecting(["SBS1", "SBS5", "SBS13"], path: "test")
    let x = (0..<96).map { 100 * cosmic.matrix[$0, 0] + 300 * cosmic.matrix[$0, 1] + 50 * cosmic.matrix[$0, 2] }
    let e = SignatureFitter(signatures: cosmic, configuration: try FitConfiguration(method: .kl)).exposures(x)
    // The EM stops at a relative KL change of 1e-10; on an exact mixture that leaves ~1e-4 relative.
    for (got, want) in zip(e, [100.0, 300, 50]) { #expect(abs(got - want) <= 1e-3 * want, "\(got) vs \(want)") }
  }
}
