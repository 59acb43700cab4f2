extension InterestCalculator {
    /// What the debt owes on `day` after `payments`: each payment first settles the interest accrued
    /// to its date, then principal, and interest runs on from there on the principal left (worked
    /// example 14; France Civ. 1343-1). Payments after `day` are not counted. Fixed compensation and
    /// fees are outside this balance: the ledger's allocation order decides where money goes among them.
    public func balance(principal: Money, due: Day, regime: InterestRegime, debtor: ClientKind,
                        payments: [DatedPayment], on day: Day) throws(InterestError) -> InterestBalance {
        try check(principal, regime: regime, debtor: debtor)
        let currency = principal.currency
        for payment in payments {
            guard payment.amount.currency == currency else {
                throw .money(.currencyMismatch(currency.code, payment.amount.currency.code))
            }
            guard payment.amount.isPositive else { throw .nonPositivePayment(payment.amount) }
        }
        var warnings: [RateWarning] = []
        var periods: [InterestPeriod] = []
        var owedPrincipal = principal
        var owedInterest = Money.zero(currency)
        var unapplied = Money.zero(currency)
        var accruedThrough = due

        func accrue(through end: Day) throws(InterestError) {
            let stretch = try self.accrue(on: owedPrincipal, due: due, after: accruedThrough, through: end,
                                          regime: regime, debtor: debtor, warnings: &warnings)
            periods += stretch
            owedInterest = try sum([owedInterest] + stretch.map(\.interest), currency: currency)
            accruedThrough = Swift.max(accruedThrough, end)
        }

        // A stable sort keeps same-day payments in the order given.
        let inOrder = payments.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        for payment in inOrder where payment.date <= day {
            try accrue(through: payment.date)
            let toInterest = Money(minorUnits: Swift.min(payment.amount.minorUnits, owedInterest.minorUnits), currency: currency)
            let left = payment.amount.minorUnits - toInterest.minorUnits
            let toPrincipal = Money(minorUnits: Swift.min(left, owedPrincipal.minorUnits), currency: currency)
            owedInterest = try sum([owedInterest, -toInterest], currency: currency)
            owedPrincipal = try sum([owedPrincipal, -toPrincipal], currency: currency)
            unapplied = try sum([unapplied, Money(minorUnits: left - toPrincipal.minorUnits, currency: currency)], currency: currency)
        }
        try accrue(through: day)
        return InterestBalance(
            day: day, principal: owedPrincipal, interest: owedInterest,
            total: try sum([owedPrincipal, owedInterest], currency: currency),
            unapplied: unapplied, periods: periods, warnings: warnings)
    }
}
