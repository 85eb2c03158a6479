import Testing
@testable import SigilReport

@Suite("SVGNumber: locale-free, explicitly rounded numbers") struct SVGNumberTests {
  @Test("fixed rounds half away from zero to the given decimals")
  func fixed() {
    #expect(SVGNumber.fixed(12.3456, digits: 2) == "12.35")
    #expect(SVGNumber.fixed(0.5, digits: 0) == "1")
    #expect(SVGNumber.fixed(-0.5, digits: 0) == "-1")
    #expect(SVGNumber.fixed(0.25, digits: 3) == "0.250")
    #expect(SVGNumber.fixed(-0.0001, digits: 2) == "0.00")   // no "-0.00"
    #expect(SVGNumber.fixed(1e-7, digits: 3) == "0.000")      // never exponent form
    #expect(SVGNumber.fixed(1234567.891, digits: 1) == "1234567.9")
    #expect(SVGNumber.fixed(-3.04, digits: 2) == "-3.04")
    #expect(SVGNumber.fixed(.nan, digits: 2) == "0")
    #expect(SVGNumber.fixed(.infinity, digits: 2) == "0")
  }

  @Test("coordinates drop trailing zeros")
  func coordinate() {
    #expect(SVGNumber.coordinate(10) == "10")
    #expect(SVGNumber.coordinate(10.5) == "10.5")
    #expect(SVGNumber.coordinate(10.254) == "10.25")
    #expect(SVGNumber.coordinate(-0.001) == "0")
    #expect(SVGNumber.coordinate(99.999) == "100")
  }

  @Test("grouped whole numbers and table cells")
  func grouped() {
    #expect(SVGNumber.grouped(0) == "0")
    #expect(SVGNumber.grouped(999) == "999")
    #expect(SVGNumber.grouped(1000) == "1,000")
    #expect(SVGNumber.grouped(1234567) == "1,234,567")
    #expect(SVGNumber.grouped(-12345) == "-12,345")
    #expect(SVGNumber.cell(3100.25) == "3100.25")
    #expect(SVGNumber.cell(0.987654) == "0.9877")
    #expect(SVGNumber.cell(1500) == "1,500")
    #expect(SVGNumber.cell(5.8e-7) == "0")
    #expect(SVGNumber.cell(.nan) == "NA")
  }
}

@Suite("AxisScale: nice ticks") struct AxisScaleTests {
  @Test("covers the data with 1, 2, 2.5 or 5 x 10^n steps")
  func ticks() {
    let a = AxisScale(minimum: 0, maximum: 7.3)       // raw step 1.825 -> 2
    #expect(a.ticks == [0, 2, 4, 6, 8])
    #expect(a.decimals == 0)
    let b = AxisScale(minimum: 0, maximum: 36.2)      // raw 9.05 -> 10
    #expect(b.ticks == [0, 10, 20, 30, 40])
    let c = AxisScale(minimum: 0.84, maximum: 0.99)   // raw 0.0375 -> 0.05
    #expect(abs(c.lower - 0.8) < 1e-12 && abs(c.step - 0.05) < 1e-12)
    #expect(c.label(c.ticks.last!) == "1.00")
    let d = AxisScale(minimum: 0, maximum: 100)       // raw 25 -> 25
    #expect(d.ticks == [0, 25, 50, 75, 100])
    let e = AxisScale(minimum: 5, maximum: 5)         // degenerate range
    #expect(e.upper > e.lower)
    #expect(AxisScale(minimum: 0, maximum: 10).position(of: 5, from: 200, to: 20) == 110)
  }
}
