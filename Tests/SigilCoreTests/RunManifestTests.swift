import Foundation
import Testing
@testable import SigilCore
import SigilTestSupport

@Suite("run.json") struct RunManifestTests {
  @Test("sha256 of a known file and deterministic JSON")
  func manifest() throws {
    let dir = Fixtures.temporaryDirectory()
    let input = dir + "/abc.txt"
    try "abc".write(toFile: input, atomically: true, encoding: .utf8)
    // FIPS 180-2 test vector for "abc".
    #expect(try RunManifest.sha256(ofFile: input) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let m = try RunManifest(command: "simulate", argv: ["sigil", "simulate"], seed: 1, parameters: ["b": "2", "a": "1"],
                            inputs: [input], libraries: ["htslib": "1.16"])
    let json = m.json()
    #expect(json == m.json())
    #expect(json.contains("\"a\" : \"1\",\n    \"b\" : \"2\""))
    try m.write(toDirectory: dir)
    let back = try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/run.json")))
    #expect(back == m)
  }
}
