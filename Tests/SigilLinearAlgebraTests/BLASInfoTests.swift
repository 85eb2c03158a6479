import Testing
@testable import SigilLinearAlgebra

@Suite("BLAS build") struct BLASInfoTests {
  @Test("linked against OpenBLAS")
  func openBLAS() { #expect(BLASInfo.configuration.contains("OpenBLAS")) }
}
