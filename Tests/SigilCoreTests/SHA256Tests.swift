import Testing
import SigilCore

/// FIPS 180-4 example vectors (NIST "SHA256.pdf" and the long-message vector of FIPS 180-2 App. B).
@Suite("SHA-256") struct SHA256Tests {
  @Test("FIPS 180-4 vectors: empty, one block, two blocks")
  func shortVectors() {
    #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("one million 'a', fed in uneven pieces")
  func millionA() {
    var hasher = SHA256()
    var remaining = 1_000_000
    var piece = 1
    while remaining > 0 {
      let n = min(piece, remaining)
      hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
      remaining -= n
      piece = piece * 3 % 1000 + 1
    }
    #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("lengths around the padding boundary (55, 56, 64 bytes) differ and are stable")
  func paddingBoundary() {
    // 56 bytes needs a second padding block; "a" x 55 / 56 / 64 cover each branch of finalize().
    #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
    #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
  }
}
