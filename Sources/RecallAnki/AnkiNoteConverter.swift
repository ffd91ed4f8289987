import RecallCore

/// Turns Anki notes into Recall notes, deck by deck, remembering which Recall card each
/// Anki card becomes.
///
/// Basic-family note types (name starting with "Basic", or fields Front/Back[/Add Reverse])
/// become `question :: answer`, or `question ::: answer` when the note has its reverse card;
/// cloze note types become cloze notes (card `ord` n is cloze n+1, Back Extra goes on a line
/// after the text); any other note type takes its first field as the question and the others
/// as the answer, and only its first card is kept, with a warning.
struct AnkiNoteConverter {
    /// Which card of a converted note an Anki card is.
    enum Side: Hashable { case front, back, cloze(Int) }

    /// Where one Anki card went: the note's position in its deck's list, and which card.
    struct Slot: Hashable {
        var deck: String
        var note: Int
        var side: Side
    }

    /// Converted notes per Anki deck name (in first-seen order).
    var deckOrder: [String] = []
    var notes: [String: [DeckNote]] = [:]
    var slots: [Int64: Slot] = [:]
    var fieldText = AnkiFieldText()
    /// Notes left out, by reason, and note types read loosely, with their note counts.
    var skipped: [String: Int] = [:]
    var looseTypes: [String: Int] = [:]
    /// Fields and tags, and deck names, that had control characters removed.
    var cleanedFields = 0
    var cleanedDeckNames: Set<String> = []

    mutating func convert(_ collection: AnkiCollection) {
        var cardsByNote: [Int64: [AnkiCollection.Card]] = [:]
        for card in collection.cards { cardsByNote[card.note, default: []].append(card) }
        for note in collection.notes {
            guard let cards = cardsByNote[note.id], let first = cards.first else { continue }
            let deck = deckName(collection.decks[first.deck] ?? "Default")
            let type = collection.notetypes[note.notetype]
                ?? AnkiCollection.Notetype(name: "?", isCloze: false, fieldNames: [])
            let fields = note.fields.map { clean(fieldText.render($0), AnkiCleanText.field) }
            guard let (content, sides) = convert(fields, type: type, cards: cards) else { continue }
            if notes[deck] == nil { deckOrder.append(deck) }
            let index = notes[deck, default: []].count
            let tags = note.tags.map { clean($0, AnkiCleanText.name) }.filter { !$0.isEmpty }
            notes[deck, default: []].append(DeckNote(content: content, deck: deck, tags: tags, line: 0))
            for (card, side) in sides { slots[card.id] = Slot(deck: deck, note: index, side: side) }
        }
    }

    /// `text` without control characters, counted in ``cleanedFields`` when any were removed.
    private mutating func clean(_ text: String, _ cleaner: (String) -> (text: String, changed: Bool)) -> String {
        let (cleaned, changed) = cleaner(text)
        if changed { cleanedFields += 1 }
        return cleaned
    }

    /// The deck name notes are filed under: Anki's name made safe as file names (see
    /// ``AnkiDeckPlanner/safeDeckName(_:)``), so that two names that make the same file are
    /// one deck.
    private mutating func deckName(_ anki: String) -> String {
        let safe = AnkiDeckPlanner.safeDeckName(anki)
        if AnkiCleanText.name(anki).changed { cleanedDeckNames.insert(safe) }
        return safe
    }

    private static func isBasicFamily(_ type: AnkiCollection.Notetype) -> Bool {
        if type.name.hasPrefix("Basic") { return true }
        return type.fieldNames == ["Front", "Back"] || type.fieldNames == ["Front", "Back", "Add Reverse"]
    }

    private mutating func convert(_ fields: [String], type: AnkiCollection.Notetype, cards: [AnkiCollection.Card])
        -> (DeckNote.Content, [(AnkiCollection.Card, Side)])? {
        if type.isCloze { return cloze(fields, cards: cards) }
        let basic = Self.isBasicFamily(type)
        if !basic { looseTypes[type.name, default: 0] += 1 }
        let question = fields.first ?? ""
        let answer = basic ? (fields.count > 1 ? fields[1] : "")
            : fields.dropFirst().filter { !$0.isEmpty }.joined(separator: "\n")
        guard !question.isEmpty else { skipped["an empty first field", default: 0] += 1; return nil }
        guard !answer.isEmpty else { skipped["no answer", default: 0] += 1; return nil }
        if basic, let back = cards.first(where: { $0.ord == 1 }) {
            let front = cards.filter { $0.ord == 0 }.map { ($0, Side.front) }
            return (.twoWay(question: question, answer: answer), front + [(back, .back)])
        }
        let first = cards.min { $0.ord < $1.ord }.map { [($0, Side.front)] } ?? []
        return (.basic(question: question, answer: answer), first)
    }

    private mutating func cloze(_ fields: [String], cards: [AnkiCollection.Card])
        -> (DeckNote.Content, [(AnkiCollection.Card, Side)])? {
        var text = fields.first ?? ""
        let extra = fields.dropFirst().filter { !$0.isEmpty }
        if !extra.isEmpty { text += "\n" + extra.joined(separator: "\n") }
        text = text.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " ")
        guard let cloze = ClozeText.parse(text).cloze, !cloze.numbers.isEmpty else {
            skipped["cloze text Recall cannot read", default: 0] += 1
            return nil
        }
        let numbers = Set(cloze.numbers)
        let sides = cards.filter { numbers.contains($0.ord + 1) }.map { ($0, Side.cloze($0.ord + 1)) }
        return (.cloze(cloze), sides)
    }
}
