extension PaymentMatcher {
    /// The candidates for an entry, best first (ties: the oldest invoice first). Only incoming
    /// money that is not a reversal is matched; the list is empty when nothing fits.
    public func candidates(for entry: StatementEntry) -> [MatchCandidate] {
        guard entry.direction == .credit, !entry.reversal, entry.amount.currency == currency, entry.amount.isPositive else { return [] }
        let payers = payers(of: entry)
        let day = entry.valueDate ?? entry.bookingDate
        var found: [MatchCandidate] = []
        found += byReferences(entry, payers: payers)
        found += byNumbers(entry, payers: payers, day: day)
        for payer in payers { found += byAmount(entry.amount, payer: payer, day: day) }
        if found.isEmpty { found += byBalanceAlone(entry.amount) }
        return ranked(found)
    }

    /// Highest confidence first; of equal ones the one whose first invoice is oldest; each
    /// (client, invoices) once with its best confidence.
    private func ranked(_ candidates: [MatchCandidate]) -> [MatchCandidate] {
        var best: [String: MatchCandidate] = [:]
        for candidate in candidates {
            let key = candidate.client + "\u{1F}" + candidate.invoices.map(\.value).joined(separator: "\u{1F}")
            if best[key].map({ $0.confidence < candidate.confidence }) ?? true { best[key] = candidate }
        }
        func age(_ candidate: MatchCandidate) -> (Day, String) {
            let first = candidate.invoices.first.flatMap { invoice($0) }
            return (first?.item.dueDate ?? Day(year: 9999, month: 12, day: 31)!, candidate.invoices.first?.value ?? "")
        }
        return best.values.sorted { lhs, rhs in
            lhs.confidence != rhs.confidence ? lhs.confidence > rhs.confidence : age(lhs) < age(rhs)
        }
    }

    /// Structured references first, then RF references written in the text.
    private func byReferences(_ entry: StatementEntry, payers: [(client: String, by: Recognition)]) -> [MatchCandidate] {
        var references = entry.creditorReferences.compactMap { try? CreditorReference(validating: $0).value }
        references += CreditorReference.references(in: entry.remittance.joined(separator: " ")).map(\.value)
        var seen: Set<InvoiceNumber> = []
        let paid = references.compactMap { invoice(reference: $0) }.filter { seen.insert($0.number).inserted }
        return grouped(paid).map { client, invoices in
            let surplus = excess(of: entry.amount, over: invoices)
            let numbers = invoices.map(\.number.value).joined(separator: ", ")
            return MatchCandidate(client: client, invoices: invoices.map(\.number), confidence: grouped(paid).count == 1 ? 99 : 70,
                                  reason: "RF reference of \(numbers)" + (surplus.map { "; \($0) more than owed stays as credit" } ?? ""))
        }
    }

    /// Invoice numbers in the remittance text, however they are spaced or cased.
    private func byNumbers(_ entry: StatementEntry, payers: [(client: String, by: Recognition)], day: Day?) -> [MatchCandidate] {
        let text = entry.remittance.joined(separator: " ") + " " + (entry.endToEndReference ?? "")
        let named = numbers(in: text)
        guard !named.isEmpty else { return [] }
        let payerCodes = Set(payers.map(\.client))
        let groups = grouped(named.map(\.invoice))
        return groups.map { client, invoices in
            let weak = named.contains { !$0.strong && $0.invoice.client == client }
            let list = invoices.map(\.number.value).joined(separator: ", ")
            let owed = invoices.reduce(Int64(0)) { $0 + $1.balance.minorUnits }
            let discounted = invoices.reduce(Int64(0)) { $0 + ($1.discounted(on: day) ?? $1.balance).minorUnits }
            let amountFits = entry.amount.minorUnits == owed || entry.amount.minorUnits == discounted
            let otherPayer = !payerCodes.isEmpty && !payerCodes.contains(client)
            let confidence: Int
            var reason = "invoice number\(invoices.count == 1 ? "" : "s") \(list) in the transfer's text"
            if weak {
                let confirmed = payerCodes.contains(client) || amountFits
                confidence = confirmed && !otherPayer && groups.count == 1 ? 92 : 65
                reason += confirmed ? ", confirmed by the " + (amountFits ? "amount" : "payer") : " (written in part, unconfirmed)"
            } else if otherPayer || groups.count > 1 {
                confidence = 70
                reason += otherPayer ? ", but paid by another client" : ", of several clients"
            } else if entry.amount.minorUnits > owed {
                confidence = 80
                reason += "; \(Money(minorUnits: entry.amount.minorUnits - owed, currency: currency)) more than owed"
            } else {
                confidence = 95
                if entry.amount.minorUnits < owed, entry.amount.minorUnits != discounted { reason += " (part payment)" }
            }
            return MatchCandidate(client: client, invoices: invoices.map(\.number), confidence: confidence, reason: reason)
        }
    }

    /// Open invoices named in a text. A run of letters and digits, or two or three runs written
    /// apart ("INV 1002", "B-2001"), that spells an open invoice's number is a strong find; a run
    /// of digits alone after such a find takes its prefix ("inv#1002/1003"); digits alone that
    /// end exactly one to three open numbers ("1002" for "INV-1002") are a weak find, as is a
    /// number of fewer than five digits (it could be anything).
    public func numbers(in text: String) -> [(invoice: MatchableInvoice, strong: Bool)] {
        let runs = MatchText.runs(text)
        var found: [InvoiceNumber: (invoice: MatchableInvoice, strong: Bool)] = [:]
        var order: [InvoiceNumber] = []
        var used: Set<Int> = []
        func note(_ invoice: MatchableInvoice, strong: Bool) {
            if found[invoice.number] == nil { order.append(invoice.number) }
            found[invoice.number] = (invoice, strong || (found[invoice.number]?.strong ?? false))
        }
        for start in runs.indices {
            var joined = ""
            for end in start..<min(start + 3, runs.count) {
                joined += runs[end]
                guard joined.count <= 64 else { break }
                for invoice in invoices(compact: joined) {
                    let digitsOnly = joined.allSatisfy(\.isASCIIDigit)
                    note(invoice, strong: !digitsOnly || joined.count >= 5)
                    used.formUnion(start...end)
                }
            }
        }
        let prefixes = Set(order.map { MatchText.letterPrefix(MatchText.compact($0.value)) }.filter { !$0.isEmpty })
        for index in runs.indices where !used.contains(index) && runs[index].count >= 3 && runs[index].allSatisfy(\.isASCIIDigit) {
            let run = runs[index]
            let withPrefix = prefixes.flatMap { invoices(compact: $0 + run) }
            if !withPrefix.isEmpty {
                withPrefix.forEach { note($0, strong: true) }
            } else if prefixes.isEmpty {
                let ending = invoices(trailingDigits: run)
                if (1...3).contains(ending.count) { ending.forEach { note($0, strong: false) } }
            }
        }
        return order.compactMap { found[$0] }
    }

    /// Candidates from the amount, for a recognised payer.
    private func byAmount(_ amount: Money, payer: (client: String, by: Recognition), day: Day?) -> [MatchCandidate] {
        let open = openInvoices(of: payer.client)
        let byAccount = payer.by == .account
        let who = byAccount ? "a known account of the client" : "the client's name"
        func candidate(_ invoices: [MatchableInvoice], _ confidence: (Int, Int), _ why: String) -> MatchCandidate {
            MatchCandidate(client: payer.client, invoices: invoices.map(\.number),
                           confidence: byAccount ? confidence.0 : confidence.1, reason: "paid from \(who); \(why)")
        }
        var found: [MatchCandidate] = []
        let equal = open.filter { $0.balance == amount }
        if equal.count == 1 {
            found.append(candidate(equal, (92, 80), "the amount is the balance of \(equal[0].number)"))
        } else {
            found += equal.map { candidate([$0], (65, 55), "the amount is the balance of \($0.number) (and of \(equal.count - 1) more)") }
        }
        let discounted = open.filter { $0.discounted(on: day) == amount }
        found += discounted.map {
            candidate([$0], discounted.count == 1 ? (90, 78) : (60, 50), "the amount is \($0.number) less its early-payment discount")
        }
        for instalment in instalments(of: payer.client) where instalment.amount == amount {
            let invoices = instalment.invoices.compactMap { invoice($0) }
            if !invoices.isEmpty {
                found.append(candidate(invoices, (90, 78), "the amount is the plan instalment due \(instalment.dueDate)"))
            }
        }
        if equal.isEmpty, open.count >= 2, let set = Self.subset(of: Array(open.prefix(14)), summingTo: amount.minorUnits) {
            found.append(candidate(set, (85, 72), "the amount is the sum of \(set.map(\.number.value).joined(separator: ", "))"))
        }
        if found.isEmpty, !open.isEmpty {
            let owed = open.reduce(Int64(0)) { $0 + $1.balance.minorUnits }
            if amount.minorUnits < owed {
                var left = amount.minorUnits
                let covered = open.prefix { invoice in
                    defer { left -= invoice.balance.minorUnits }
                    return left > 0
                }
                found.append(candidate(Array(covered), (55, 45), "a part payment of \(amount) against \(Money(minorUnits: owed, currency: currency)) owed, oldest first"))
            } else {
                found.append(candidate(open, (60, 50), "pays everything owed; \(Money(minorUnits: amount.minorUnits - owed, currency: currency)) more stays as credit"))
            }
        }
        return found
    }

    /// An unknown payer: an amount equal to the balance of one (or two or three) open invoices of the book.
    private func byBalanceAlone(_ amount: Money) -> [MatchCandidate] {
        let equal = invoices(balance: amount)
        guard (1...3).contains(equal.count) else { return [] }
        return equal.map {
            MatchCandidate(client: $0.client, invoices: [$0.number], confidence: equal.count == 1 ? 50 : 35,
                           reason: "unknown payer; the amount is the balance of \($0.number)"
                               + (equal.count == 1 ? ", the only open invoice of that balance" : " (one of \(equal.count))"))
        }
    }

    /// Invoices grouped by client, in the order first named.
    private func grouped(_ invoices: [MatchableInvoice]) -> [(client: String, invoices: [MatchableInvoice])] {
        var groups: [(client: String, invoices: [MatchableInvoice])] = []
        for invoice in invoices {
            if let index = groups.firstIndex(where: { $0.client == invoice.client }) {
                groups[index].invoices.append(invoice)
            } else {
                groups.append((invoice.client, [invoice]))
            }
        }
        return groups
    }

    private func excess(of amount: Money, over invoices: [MatchableInvoice]) -> Money? {
        let owed = invoices.reduce(Int64(0)) { $0 + $1.balance.minorUnits }
        return amount.minorUnits > owed ? Money(minorUnits: amount.minorUnits - owed, currency: amount.currency) : nil
    }

    /// The first set (in order of age) of at least two invoices whose balances add up to `target`.
    static func subset(of invoices: [MatchableInvoice], summingTo target: Int64) -> [MatchableInvoice]? {
        var suffix = [Int64](repeating: 0, count: invoices.count + 1)
        for index in invoices.indices.reversed() { suffix[index] = suffix[index + 1] + invoices[index].balance.minorUnits }
        var chosen: [Int] = []
        func search(_ index: Int, _ left: Int64) -> Bool {
            if left == 0 { return chosen.count >= 2 }
            guard index < invoices.count, left > 0, suffix[index] >= left else { return false }
            chosen.append(index)
            if search(index + 1, left - invoices[index].balance.minorUnits) { return true }
            chosen.removeLast()
            return search(index + 1, left)
        }
        return search(0, target) ? chosen.map { invoices[$0] } : nil
    }
}
