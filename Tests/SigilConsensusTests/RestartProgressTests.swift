import Testing
@testable import SigilConsensus

@Suite("Restart progress line") struct RestartProgressTests {
  @Test("the ETA reads as seconds, minutes or hours")
  func duration() {
    #expect(RestartProgress.duration(0) == "0s")
    #expect(RestartProgress.duration(59.4) == "59s")
    #expect(RestartProgress.duration(60) == "1m00s")
    #expect(RestartProgress.duration(725) == "12m05s")
    #expect(RestartProgress.duration(3599) == "59m59s")
    #expect(RestartProgress.duration(7380) == "2h03m")
  }
}
