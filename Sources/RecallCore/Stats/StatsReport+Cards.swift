extension StatsReport {
    /// Cards by state, average retrievability now and the difficulty and stability histograms.
    static func collection(_ cards: [StatsCard]) -> CollectionStats {
        var result = CollectionStats()
        var rSum = 0.0, rCount = 0
        // Through a buffer pointer: a `for card in cards` loop copies each card (and retains
        // its strings), which for 100,000 cards costs more than the counting.
        cards.withUnsafeBufferPointer { cards in
            for i in cards.indices {
                if cards[i].suspended {
                    result.suspended += 1
                } else if cards[i].buried {
                    result.buried += 1
                } else if cards[i].forgotten {
                    result.forgotten += 1
                } else {
                    switch cards[i].state {
                    case .new: result.new += 1
                    case .learning: result.learning += 1
                    case .review: result.review += 1
                    case .relearning: result.relearning += 1
                    }
                }
                guard cards[i].state != .new else { continue }
                if let r = cards[i].retrievability { rSum += r; rCount += 1 }
                if let d = cards[i].difficulty { result.difficulty[difficultyBin(d)] += 1 }
                if let s = cards[i].stability { result.stability[stabilityBin(s)] += 1 }
            }
        }
        result.averageRetrievability = rCount == 0 ? nil : rSum / Double(rCount)
        return result
    }

    static func difficultyBin(_ d: Double) -> Int {
        let bins = CollectionStats.difficultyBins
        return bins.lastIndex { d >= $0 } ?? 0
    }

    static func stabilityBin(_ s: Double) -> Int {
        let bins = CollectionStats.stabilityBins
        return bins.lastIndex { s >= $0 } ?? 0
    }

    /// Cards with at least one lapse (only leeches with `leechesOnly`), most lapses first
    /// (then hardest, then by source).
    static func mostLapses(_ cards: [StatsCard], leechesOnly: Bool) -> [RankedCard] {
        cards.withUnsafeBufferPointer { c in
            top(c, where: { c[$0].lapses > 0 && (!leechesOnly || c[$0].isLeech) }) { a, b in
                if c[a].lapses != c[b].lapses { return c[a].lapses > c[b].lapses }
                let da = c[a].difficulty ?? 0, db = c[b].difficulty ?? 0
                if da != db { return da > db }
                return sourceOrder(c, a, b)
            }
        }
    }

    /// Cards with a memory state, hardest first (then most lapses, then by source).
    static func hardest(_ cards: [StatsCard]) -> [RankedCard] {
        cards.withUnsafeBufferPointer { c in
            top(c, where: { c[$0].state != .new && c[$0].difficulty != nil }) { a, b in
                let da = c[a].difficulty ?? 0, db = c[b].difficulty ?? 0
                if da != db { return da > db }
                if c[a].lapses != c[b].lapses { return c[a].lapses > c[b].lapses }
                return sourceOrder(c, a, b)
            }
        }
    }

    /// The first ``rankedLimit`` cards that `include` accepts, in `comesFirst` order, without
    /// sorting them all. The closures take indices into `cards` and read only the fields they
    /// need: a copy of a card would retain and release its four strings and arrays, and this
    /// looks at every card of the collection.
    private static func top(_ cards: UnsafeBufferPointer<StatsCard>, where include: (Int) -> Bool,
                            by comesFirst: (Int, Int) -> Bool) -> [RankedCard] {
        var best: [Int] = []
        best.reserveCapacity(rankedLimit + 1)
        for i in cards.indices where include(i) {
            if best.count == rankedLimit, let last = best.last, !comesFirst(i, last) { continue }
            let at = best.firstIndex { comesFirst(i, $0) } ?? best.count
            best.insert(i, at: at)
            if best.count > rankedLimit { best.removeLast() }
        }
        return best.map { RankedCard(cards[$0]) }
    }

    private static func sourceOrder(_ c: UnsafeBufferPointer<StatsCard>, _ a: Int, _ b: Int) -> Bool {
        if c[a].source.file != c[b].source.file { return c[a].source.file < c[b].source.file }
        if c[a].source.line != c[b].source.line { return c[a].source.line < c[b].source.line }
        return c[a].id < c[b].id
    }
}

extension RankedCard {
    init(_ card: StatsCard) {
        self.init(id: card.id, deck: card.deck, source: card.source, question: card.question,
                  lapses: card.lapses, difficulty: card.difficulty)
    }
}
