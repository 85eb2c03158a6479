import Foundation
import Testing
@testable import SigilCore

/// run.json parameters from typed values: the text forms the manifests have always used.
@Suite("RunParameters") struct RunParametersTests {
  struct Group: Encodable { var genome = "GRCh37" }
  struct Example: Encodable {
    var text = "a,b"
    var flag = true
    var count = 30
    var seed: UInt64 = 20_240_229
    var fraction = 0.05
    var whole = 2000.0
    var short = RunParameters.Number(1e-3)
    var one = RunParameters.Number(1.0)
    var absent: String? = nil
    var present: String? = "x"
    var table = ["signatures": "t.tsv"]
    var group = Group()
    enum CodingKeys: String, CodingKey {
      case text, flag, count, seed, fraction = "max-fraction", whole, short, one, absent, present, table, group
    }
  }

  @Test("each stored property is one key; nil is left out; tables and groups are flattened")
  func table() throws {
    let t = try RunParameters.table(Example())
    #expect(t == ["text": "a,b", "flag": "true", "count": "30", "seed": "20240229", "max-fraction": "0.05",
                  "whole": "2000.0", "short": "0.001", "one": "1", "present": "x", "signatures": "t.tsv",
                  "genome": "GRCh37"])
  }

  @Test("a manifest built from a typed value equals one built from the same dictionary")
  func manifest() throws {
    let typed = try RunManifest(command: "x", argv: ["sigil"], seed: nil, typedParameters: Group(), inputs: [], libraries: [:])
    let plain = try RunManifest(command: "x", argv: ["sigil"], seed: nil, parameters: ["genome": "GRCh37"], inputs: [], libraries: [:])
    #expect(typed.json() == plain.json())
  }
}
