import Foundation
import SigilCore
import SigilTestSupport
import Testing
@testable import SigilLinearAlgebra

/// A matrix of uniform entries on [0, 1) from `rng`.
func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout SeededGenerator) -> Matrix {
  Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in rng.nextUniform() })
}

/// The textbook KL divergence loop, the oracle for the fast one.
func naiveKL(_ v: Matrix, _ wh: Matrix) -> Double {
  var total = 0.0
  for j in 0..<v.columns { for i in 0..<v.rows {
    let x = v[i, j], y = wh[i, j]
    total += (x == 0 ? 0 : x * log(x / y)) - x + y
  } }
  return total
}

@Suite("BLAS products") struct BLASTests {
  @Test("multiply matches the naive triple loop for every transpose", arguments: 0..<8 as Range<UInt64>)
  func oracle(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let m = 1 + Int(rng.next() % 40), n = 1 + Int(rng.next() % 30), k = 1 + Int(rng.next() % 12)
    let a = randomMatrix(m, k, &rng), b = randomMatrix(k, n, &rng)
    let expected = NaiveKernels.multiply(a, b)
    let variants = [
      BLAS.multiply(a, b),
      BLAS.multiply(a.transposed, b, transposeA: true),
      BLAS.multiply(a, b.transposed, transposeB: true),
      BLAS.multiply(a.transposed, b.transposed, transposeA: true, transposeB: true),
    ]
    for (index, c) in variants.enumerated() {
      #expect(c.rows == m && c.columns == n)
      for i in c.values.indices {
        #expect(approximatelyEqual(c.values[i], expected.values[i], relative: Tolerance.kernel),
                "seed \(seed), variant \(index), cell \(i)")
      }
    }
  }

  @Test("multiply(into:) honours alpha and beta")
  func alphaBeta() {
    var rng = SeededGenerator(seed: 11)
    let a = randomMatrix(5, 3, &rng), b = randomMatrix(3, 4, &rng)
    let start = randomMatrix(5, 4, &rng)
    var c = start
    BLAS.multiply(a, b, into: &c, alpha: 2, beta: 0.5)
    let ab = NaiveKernels.multiply(a, b)
    for i in c.values.indices {
      #expect(approximatelyEqual(c.values[i], 2 * ab.values[i] + 0.5 * start.values[i], relative: Tolerance.kernel))
    }
  }

  @Test("dot and norm match plain loops; empty vectors give 0")
  func dotNorm() {
    let x = [3.0, 4.0, 0], y = [1.0, 2.0, 5]
    #expect(BLAS.dot(x, y) == 11)  // 3 + 8 + 0, exact in binary
    #expect(BLAS.norm(x) == 5)     // 3-4-5 triangle
    #expect(BLAS.dot([], []) == 0 && BLAS.norm([]) == 0)
  }
}

@Suite("Similarity and divergences") struct DivergenceTests {
  @Test("cosine similarity matches the naive loop and is 0 for a zero vector", arguments: 0..<8 as Range<UInt64>)
  func cosine(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let x = (0..<96).map { _ in rng.nextUniform() }, y = (0..<96).map { _ in rng.nextUniform() }
    #expect(approximatelyEqual(cosineSimilarity(x, y), NaiveKernels.cosine(x, y), relative: Tolerance.kernel), "seed \(seed)")
    #expect(cosineSimilarity(x, Array(repeating: 0, count: 96)) == 0)
    #expect(approximatelyEqual(cosineSimilarity(x, x.map { 7 * $0 }), 1, relative: Tolerance.kernel))
  }

  @Test("the unit-vector form (clustering's) agrees with cosineSimilarity", arguments: 0..<4 as Range<UInt64>)
  func unitForm(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let x = (0..<96).map { _ in rng.nextUniform() }, y = (0..<96).map { _ in rng.nextUniform() }
    #expect(approximatelyEqual(unitCosine(unitVector(x), unitVector(y)), cosineSimilarity(x, y), relative: Tolerance.kernel))
    #expect(unitVector([0, 0]) == [0, 0])
  }

  @Test("cosine of huge counts does not overflow")
  func cosineHuge() {
    let x = [1e200, 1e200], y = [1e200, 0]
    // cos 45° = 1/√2; the squared norms alone would overflow to infinity.
    #expect(approximatelyEqual(cosineSimilarity(x, y), 0.5.squareRoot(), relative: Tolerance.kernel))
  }

  @Test("KL divergence by hand: V = [1 0; 2 4], WH = [2 1; 2 2]")
  func klHand() {
    // cells: 1·log(1/2) − 1 + 2 = 1 − log 2; 0 → 0 − 0 + 1 = 1; 2·log(1) − 2 + 2 = 0;
    // 4·log(2) − 4 + 2 = 4 log 2 − 2. Sum = 3 log 2 + 0 = 3·0.693... = 2.0794415416798357.
    let v = Matrix(rows: 2, columns: 2, values: [1, 2, 0, 4])
    let wh = Matrix(rows: 2, columns: 2, values: [2, 2, 1, 2])
    #expect(approximatelyEqual(klDivergence(v, wh), 3 * log(2.0), relative: Tolerance.kernel))
    #expect(klDivergence(v, v) == 0)
  }

  @Test("KL divergence matches the naive loop", arguments: 0..<8 as Range<UInt64>)
  func klOracle(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    var v = randomMatrix(96, 21, &rng)
    for i in stride(from: 0, to: v.values.count, by: 7) { v.values[i] = 0 }  // zero counts take the 0·log 0 branch
    let wh = randomMatrix(96, 21, &rng)
    #expect(approximatelyEqual(klDivergence(v, wh), naiveKL(v, wh), relative: Tolerance.kernel), "seed \(seed)")
  }

  @Test("Frobenius norm and distance by hand")
  func frobenius() {
    let a = Matrix(rows: 2, columns: 2, values: [1, 2, 2, 4])  // 1 + 4 + 4 + 16 = 25
    #expect(frobeniusNorm(a) == 5)
    #expect(frobeniusDistance(a, Matrix(rows: 2, columns: 2)) == 5)
    #expect(frobeniusDistance(a, a) == 0)
  }
}

@Suite("Eigen-decomposition and truncated SVD") struct SpectralTests {
  @Test("2x2 symmetric matrix by hand: [2 1; 1 2] has eigenvalues 3 and 1")
  func eigenHand() throws {
    let (values, vectors) = try #require(SymmetricEigen.decompose(Matrix(rows: 2, columns: 2, values: [2, 1, 1, 2])))
    #expect(approximatelyEqual(values[0], 3, relative: Tolerance.kernel))
    #expect(approximatelyEqual(values[1], 1, relative: Tolerance.kernel))
    // Eigenvector of 3 is ±(1, 1)/√2.
    #expect(approximatelyEqual(abs(vectors[0, 0]), 0.5.squareRoot(), relative: 1e-12))
    #expect(approximatelyEqual(vectors[0, 0], vectors[1, 0], relative: 1e-12))
  }

  @Test("truncated SVD reconstructs a rank-3 matrix, wide or tall", arguments: [(40, 12), (12, 40)])
  func svdReconstructs(shape: (Int, Int)) throws {
    var rng = SeededGenerator(seed: 5)
    let a = NaiveKernels.multiply(randomMatrix(shape.0, 3, &rng), randomMatrix(3, shape.1, &rng))
    let svd = try #require(TruncatedSVD(a, rank: 3))
    var back = Matrix(rows: a.rows, columns: a.columns)
    for j in 0..<3 { for c in 0..<a.columns { for r in 0..<a.rows {
      back[r, c] += svd.singularValues[j] * svd.u[r, j] * svd.v[c, j]
    } } }
    // The Gram route squares the condition number: agreement to ~1e-8 relative to the largest entry.
    let scale = a.values.max()!
    for i in a.values.indices { #expect(abs(back.values[i] - a.values[i]) <= 1e-8 * scale, "cell \(i)") }
    // A 4th singular value of a rank-3 matrix is reported as exactly 0.
    let four = try #require(TruncatedSVD(a, rank: 4))
    #expect(four.singularValues[3] == 0)
  }
}
