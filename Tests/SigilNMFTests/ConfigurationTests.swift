import SigilCore
import Testing
@testable import SigilNMF

@Suite("NMF configuration and errors") struct ConfigurationTests {
  @Test("defaults are the documented ones")
  func defaults() throws {
    let c = try NMFConfiguration()
    #expect(c.objective == .kullbackLeibler && c.initialization == .random)
    #expect(c.tolerance == NMFConfiguration.defaultTolerance && c.checkInterval == NMFConfiguration.defaultCheckInterval)
    #expect(c.minIterations == NMFConfiguration.defaultMinIterations && c.maxIterations == NMFConfiguration.defaultMaxIterations)
    #expect(!c.resample)
    #expect(c.solver == .extrapolated)
  }

  @Test("invalid parameters are rejected with their value in the message")
  func invalid() {
    #expect(throws: NMFError.invalidParameter("tolerance must be a finite number >= 0 (got -1.0)")) {
      try NMFConfiguration(tolerance: -1)
    }
    #expect(throws: NMFError.invalidParameter("checkInterval must be >= 1 (got 0)")) {
      try NMFConfiguration(checkInterval: 0)
    }
    #expect(throws: NMFError.invalidParameter("minIterations must be >= 0 (got -3)")) {
      try NMFConfiguration(minIterations: -3)
    }
    #expect(throws: NMFError.invalidParameter(
      "maxIterations must be >= 1 and >= minIterations (got maxIterations 10, minIterations 20)")) {
      try NMFConfiguration(minIterations: 20, maxIterations: 10)
    }
  }

  @Test("fields changed after init are re-validated at the API boundary")
  func revalidated() throws {
    var config = try NMFConfiguration()
    config.checkInterval = 0
    var rng = SeededGenerator(seed: 1)
    let v = Matrix(rows: 4, columns: 3, repeating: 1)
    #expect(throws: NMFError.invalidParameter("checkInterval must be >= 1 (got 0)")) {
      try factorize(v, rank: 1, configuration: config, using: &rng)
    }
    #expect(throws: NMFError.invalidParameter("checkInterval must be >= 1 (got 0)")) {
      try RestartRunner.run(v, rank: 1, restarts: 0..<2, seed: 1, configuration: config, threads: 1)
    }
  }

  @Test("error messages name what was expected")
  func messages() {
    #expect(NMFError.invalidRank(rank: 9, channels: 96, samples: 5).description
            == "rank 9 is not possible for a catalog of 96 channels x 5 samples: expected 1...5")
    #expect(NMFError.zeroSample(index: 2).description
            == "sample 3 (column 3 of the catalog) has no mutations: remove it before extraction")
    #expect(NMFError.invalidParameter("threads must be >= 1 (got 0)").description
            == "invalid NMF parameter: threads must be >= 1 (got 0)")
    #expect(NMFError.invalidCatalog("x").description == "invalid catalog for NMF: x")
  }

  @Test("the API boundary rejects zero samples, bad values and bad ranks")
  func boundary() throws {
    var rng = SeededGenerator(seed: 1)
    var v = Matrix(rows: 4, columns: 3, repeating: 1)
    for i in 0..<4 { v[i, 2] = 0 }
    #expect(throws: NMFError.zeroSample(index: 2)) { try factorize(v, rank: 1, configuration: NMFConfiguration(), using: &rng) }
    v[0, 2] = -1
    #expect(throws: NMFError.invalidCatalog("value -1.0 at channel 1, sample 3: counts must be finite and >= 0")) {
      try factorize(v, rank: 1, configuration: NMFConfiguration(), using: &rng)
    }
    v[0, 2] = .nan
    #expect(throws: NMFError.self) { try factorize(v, rank: 1, configuration: NMFConfiguration(), using: &rng) }
    let ok = Matrix(rows: 4, columns: 3, repeating: 1)
    #expect(throws: NMFError.invalidRank(rank: 4, channels: 4, samples: 3)) {
      try factorize(ok, rank: 4, configuration: NMFConfiguration(), using: &rng)
    }
    #expect(throws: NMFError.invalidRank(rank: 0, channels: 4, samples: 3)) {
      try factorize(ok, rank: 0, configuration: NMFConfiguration(), using: &rng)
    }
    #expect(throws: NMFError.invalidCatalog("the catalog is empty (0 channels x 0 samples)")) {
      try factorize(Matrix(rows: 0, columns: 0), rank: 1, configuration: NMFConfiguration(), using: &rng)
    }
    #expect(throws: NMFError.invalidParameter("threads must be >= 1 (got 0)")) {
      try RestartRunner.run(ok, rank: 1, restarts: 0..<2, seed: 1, configuration: NMFConfiguration(), threads: 0)
    }
    #expect(throws: NMFError.invalidCatalog("mask is 2 x 2, expected the catalog's shape 4 x 3")) {
      try factorizeMasked(ok, mask: Matrix(rows: 2, columns: 2), rank: 1, configuration: NMFConfiguration(), using: &rng)
    }
  }
}
