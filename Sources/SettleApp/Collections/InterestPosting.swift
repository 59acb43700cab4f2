import SettleCore

/// What an `interest` action posts: the interest accrued on the open principal from the due
/// date through today under the policy's regime, and — the first time a statutory regime is
/// claimed — its fixed compensation (40 EUR, 40/70/100 GBP).
struct InterestPosting {
    let calculator: InterestCalculator

    /// The regime an invoice falls under, or nil with the reason it has none.
    static func regime(for rule: InterestRule, client: Client) -> (InterestRegime?, String) {
        switch rule {
        case .none:
            return (nil, "the policy charges no interest")
        case .contractual(let rate):
            return (.contract(rate), "contractual \(rate) %")
        case .statutory(let named):
            let code = named ?? Self.statutoryRegime(country: client.country)
            guard let code, let regime = try? InterestRegime(parsing: code, contractRate: nil) else {
                return (nil, "no statutory late-payment interest for clients in \(client.country)")
            }
            return (regime, regime.title)
        }
    }

    /// The statute of the client's country: the UK Act, German and French law, else the EU directive inside the EU.
    static func statutoryRegime(country: String) -> String? {
        let europeanUnion: Set<String> = ["AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "GR", "HR", "HU", "IE", "IT",
                                          "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
        switch country {
        case "GB": return "uk"
        case "DE": return "de"
        case "FR": return "fr"
        default: return europeanUnion.contains(country) ? "eu" : nil
        }
    }

    /// The entries to post for one invoice today, and a note for the action's reason.
    func entries(for situation: ChaseSituation, on today: Day) -> (entries: [LedgerEntry], note: String) {
        let (regime, title) = Self.regime(for: situation.policy.interest, client: situation.client)
        guard let regime else { return ([], title) }
        let principal = situation.summary.balance.principal
        do {
            let calculation = try calculator.calculate(principal: principal, due: situation.invoice.dueDate, until: today,
                                                       regime: regime, debtor: situation.client.kind)
            var entries: [LedgerEntry] = []
            if calculation.interest.isPositive {
                entries.append(LedgerEntry(kind: .interest, component: .interest, amount: calculation.interest, date: today,
                                           note: "\(title): \(calculation.days) days on \(principal)"))
            }
            if calculation.fixedCompensation.isPositive {
                entries.append(LedgerEntry(kind: .compensation, component: .costs, amount: calculation.fixedCompensation,
                                           date: today, note: "\(title): fixed compensation"))
            }
            let warnings = calculation.warnings.map(\.description).joined(separator: "; ")
            return (entries, "\(title): interest \(calculation.interest), compensation \(calculation.fixedCompensation)"
                        + (warnings.isEmpty ? "" : " (\(warnings))"))
        } catch {
            return ([], "\(title) does not apply: \(error)")
        }
    }
}
