import Foundation
import Testing
@testable import SigilCore
import SigilTestSupport

@Suite("Channel alphabets") struct MutationClassTests {
  /// The first column of a bundled COSMIC table, in file order.
  func labels(in file: String) throws -> [String] {
    let text = try String(contentsOfFile: Fixtures.reference(file), encoding: .utf8)
    return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst()
      .map { String($0.split(separator: "\t")[0]).trimmingCharacters(in: .whitespacesAndNewlines) }
  }

  @Test("SBS96 order is the COSMIC table's row order")
  func sbs96() throws {
    #expect(MutationClass.sbs96.channels == (try labels(in: "COSMIC_v3.4_SBS_GRCh37.txt")))
    #expect(MutationClass.sbs96.channels.first == "A[C>A]A")
  }

  @Test("DBS78 order is the COSMIC table's row order")
  func dbs78() throws {
    #expect(MutationClass.dbs78.channels == (try labels(in: "COSMIC_v3.4_DBS_GRCh37.txt")))
  }

  @Test("ID83 order is the COSMIC table's row order")
  func id83() throws {
    #expect(MutationClass.id83.channels == (try labels(in: "COSMIC_v3.4_ID_GRCh37.txt")))
  }

  @Test("channel index round-trips for every label")
  func indexRoundTrip() {
    for cls in MutationClass.allCases {
      for (i, label) in cls.channels.enumerated() {
        #expect(cls.index(of: label) == i)
        #expect(MutationClass.containing(label: label) == cls)
      }
    }
    #expect(MutationClass.sbs96.index(of: "A[G>A]A") == nil)  // purine-centred labels are not channels
  }
}
