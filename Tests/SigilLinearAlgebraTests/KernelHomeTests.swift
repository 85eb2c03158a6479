import Foundation
import Testing
import SigilTestSupport

/// Each numerical kernel has one home (issue #14): a second KL divergence, cosine, Cholesky or
/// parallel loop in Sources/ fails here, naming the file and line, so a copy cannot creep back in
/// unnoticed. The patterns are the shapes of an implementation, not of a call.
@Suite("One home per kernel") struct KernelHomeTests {
  struct Rule: Sendable, CustomStringConvertible {
    let kernel: String
    let pattern: String
    let home: String
    var description: String { kernel }
  }

  static let rules: [Rule] = [
    // `x * log(x / y)`: the term of a KL divergence (or any likelihood ratio of counts).
    Rule(kernel: "KL divergence", pattern: #"\*\s*(Foundation\.)?log\([^()]*/"#, home: "SigilLinearAlgebra/Divergence.swift"),
    Rule(kernel: "KL divergence", pattern: #"func\s+(kl|kullbackLeibler|klDivergence|maskedKullbackLeibler)\s*[(<]"#,
         home: "SigilLinearAlgebra/Divergence.swift"),
    Rule(kernel: "cosine similarity", pattern: #"func\s+cosine(Similarity)?\s*[(<]"#, home: "SigilLinearAlgebra/Divergence.swift"),
    // `xx += x[i] * x[i]` next to `xy +=`: the accumulators of a cosine.
    Rule(kernel: "cosine similarity", pattern: #"\bxy\s*\+=.*\bxx\s*\+="#, home: "SigilLinearAlgebra/Divergence.swift"),
    // A factor's diagonal: `l[r * p + r] = sum.squareRoot()`.
    Rule(kernel: "Cholesky", pattern: #"\w+\[(\w+) \* \w+ \+ \1\]\s*=\s*\w+\.squareRoot\(\)"#, home: "SigilLinearAlgebra/Cholesky.swift"),
    Rule(kernel: "parallel map", pattern: #"concurrentPerform|DispatchQueue\.global|Thread\s*\(|OperationQueue"#,
         home: "SigilCore/ParallelMap.swift"),
  ]

  /// Every `.swift` file under Sources/, as (path relative to Sources/, lines).
  static func sources() throws -> [(path: String, lines: [Substring])] {
    let root = Fixtures.repositoryRoot.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return try files.filter { $0.hasSuffix(".swift") }.sorted().map { path in
      let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      return (path, text.split(separator: "\n", omittingEmptySubsequences: false))
    }
  }

  @Test("no implementation outside its home", arguments: rules)
  func oneHome(rule: Rule) throws {
    let regex = try Regex(rule.pattern)
    let files = try Self.sources()
    try #require(files.count > 50, "Sources/ not found from \(Fixtures.repositoryRoot.path)")
    var homeHits = 0
    for file in files {
      for (n, line) in file.lines.enumerated() {
        let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? line
        guard code.contains(regex) else { continue }
        if file.path == rule.home { homeHits += 1; continue }
        Issue.record("\(rule.kernel) implemented outside \(rule.home): Sources/\(file.path):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
      }
    }
    #expect(homeHits > 0, "the pattern for \(rule.kernel) no longer matches its home \(rule.home): update the rule")
  }
}
