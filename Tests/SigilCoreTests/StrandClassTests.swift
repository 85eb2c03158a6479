import Foundation
import Testing
import SigilCore
import SigilTestSupport

@Suite("SBS1536 and SBS288 alphabets") struct StrandClassTests {
  /// The first column of a stored SigProfilerMatrixGenerator matrix, in file order.
  func labels(in file: String) throws -> [String] {
    let text = try String(contentsOfFile: Fixtures.fixture("spmg-strand") + "/" + file, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
  }

  @Test("SBS1536 and SBS288 labels and order are SigProfilerMatrixGenerator 1.4.0's row order")
  func spmgOrder() throws {
    #expect(MutationClass.sbs1536.channels == (try labels(in: "spmg.SBS1536.all")))
    #expect(MutationClass.sbs288.channels == (try labels(in: "spmg.SBS288.all")))
    #expect(MutationClass.sbs1536.channelCount == 1536 && MutationClass.sbs288.channelCount == 288)
    #expect(MutationClass.sbs1536.channels.first == "AA[C>A]AA" && MutationClass.sbs1536.channels.last == "TT[T>G]TT")
    #expect(MutationClass.sbs288.channels[0] == "T:A[C>A]A" && MutationClass.sbs288.channels[96] == "U:A[C>A]A"
            && MutationClass.sbs288.channels[287] == "N:T[T>G]T")
    #expect(MutationClass.sbs288.index(of: "B:A[C>A]A") == nil)   // SPMG's B block is folded away
    #expect(MutationClass.sbs1536.index(of: "AA[G>A]AA") == nil)  // purine-centred labels are not channels
  }

  @Test("a catalog's class is told apart by its labels: SBS96, SBS288, SBS1536, in any row order")
  func detection() throws {
    for cls in [MutationClass.sbs96, .sbs288, .sbs1536] {
      var text = "MutationType\tS1\tS2\n"
      // Reversed row order: the first label decides the class, then rows are put in canonical order.
      for (i, label) in cls.channels.enumerated().reversed() { text += "\(label)\t\(i)\t1\n" }
      let path = Fixtures.temporaryDirectory("sigil-class") + "/c.tsv"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let catalog = try MutationCatalog.read(path: path)
      #expect(catalog.mutationClass == cls)
      #expect(catalog.counts[1, 0] == 1 && catalog.totals[1] == Double(cls.channelCount))
      let signatures = try SignatureSet.read(path: path)
      #expect(signatures.mutationClass == cls)
      // Expecting another class is refused.
      #expect(throws: TableFormatError.self) { _ = try MutationCatalog.read(path: path, expected: cls == .sbs96 ? .sbs288 : .sbs96) }
    }
  }

  @Test("COSMIC ships no SBS1536 or SBS288 table: the path explains it")
  func notShipped() throws {
    for cls in [MutationClass.sbs1536, .sbs288] {
      #expect(throws: ReferenceDataError.self) { _ = try ReferenceData.path(mutationClass: cls) }
      #expect(!ReferenceData.publishes(cls))
    }
    for cls in [MutationClass.sbs96, .dbs78, .id83] {
      #expect(ReferenceData.publishes(cls))
      #expect(throws: Never.self) { _ = try ReferenceData.path(mutationClass: cls) }
    }
  }
}
