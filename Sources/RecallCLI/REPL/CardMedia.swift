import Foundation
import RecallCore

/// Shows a card's images and plays its sounds: draws an image inline on a terminal that
/// can, and keeps what the card refers to for `:open` and `:play`.
final class CardMedia {
    /// The collection's deck folder: every media path must resolve inside it.
    let decksRoot: URL

    init(decksRoot: URL) {
        self.decksRoot = decksRoot
    }

    /// Shows `media` of `card`; true when it was drawn (so no placeholder is needed).
    func show(_ media: RichText.Media, of card: Card, output: Output) -> Bool {
        false
    }
}
