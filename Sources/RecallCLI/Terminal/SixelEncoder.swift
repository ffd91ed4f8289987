@preconcurrency import Glibc
import Foundation

/// Sixel images through Debian's libsixel (`libsixel1`), loaded when Recall runs if it is
/// installed: Recall builds and runs without it, and then sixel terminals get the
/// `[image: name]` line instead. Nothing here decodes an image; libsixel does.
enum SixelEncoder {
    private typealias New = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer?) -> Int32
    private typealias SetOption = @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?) -> Int32
    private typealias Encode = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    private typealias Unref = @convention(c) (OpaquePointer?) -> Void

    private struct Functions: @unchecked Sendable {
        let new: New, setOption: SetOption, encode: Encode, unref: Unref
    }

    /// libsixel's entry points, or nil when the library is not installed.
    private static let functions: Functions? = {
        guard let library = dlopen("libsixel.so.1", RTLD_NOW | RTLD_LOCAL),
              let new = dlsym(library, "sixel_encoder_new"), let set = dlsym(library, "sixel_encoder_setopt"),
              let encode = dlsym(library, "sixel_encoder_encode"), let unref = dlsym(library, "sixel_encoder_unref")
        else { return nil }
        return Functions(new: unsafeBitCast(new, to: New.self), setOption: unsafeBitCast(set, to: SetOption.self),
                         encode: unsafeBitCast(encode, to: Encode.self), unref: unsafeBitCast(unref, to: Unref.self))
    }()

    /// Whether libsixel could be loaded.
    static var isAvailable: Bool { functions != nil }

    /// The sixel sequence that draws the image file at `path` `heightPixels` high (its
    /// proportions kept), or nil when libsixel is missing or cannot read the file.
    static func encode(path: String, heightPixels: Int) -> String? {
        guard let f = functions else { return nil }
        var encoder: OpaquePointer?
        // libsixel's status codes have bit 0x1000 set on failure (SIXEL_FAILED).
        guard f.new(&encoder, nil) & 0x1000 == 0, let encoder else { return nil }
        defer { f.unref(encoder) }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("recall-sixel-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).six").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        // Options as img2sixel names them: -o output file, -h height in pixels.
        guard f.setOption(encoder, Int32(UInt8(ascii: "o")), output) & 0x1000 == 0,
              f.setOption(encoder, Int32(UInt8(ascii: "h")), String(max(1, heightPixels))) & 0x1000 == 0,
              f.encode(encoder, path) & 0x1000 == 0,
              let data = FileManager.default.contents(atPath: output), !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
