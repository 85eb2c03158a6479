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

  @Test("the ETA weighs restarts by rank: after ranks 10 and 11 of 10..20, most of the work is left")
  func remaining() {
    // 100 restarts per rank; ranks 10 and 11 done (2,100 units of 16,500) in 210 s: 10 s per 100 units.
    let eta = RestartProgress.remaining(elapsed: 210, done: 2_100, total: 16_500)
    #expect(abs(eta - 1_440) < 1e-9)
    #expect(RestartProgress.remaining(elapsed: 5, done: 0, total: 100) == 0)
    #expect(RestartProgress.remaining(elapsed: 5, done: 100, total: 100) == 0)
  }
}
