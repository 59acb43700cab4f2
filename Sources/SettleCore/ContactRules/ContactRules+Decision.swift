import Foundation

extension ContactRules {
    /// How far ahead a held message looks for its window; any sensible set of rules finds one within days.
    static let searchDays = 400

    /// Whether `request` may happen at its instant: allowed, held until the next instant the rules
    /// allow (start of the next allowed window, past quiet hours, weekends and holidays when
    /// configured, and frequency limits), or refused (an opt-out of the method, or cease-communication
    /// for anything but a final notice). Days and hours are the client's local ones.
    ///
    /// `holidays` is the calendar of the client's country (nil: none known, so no day is a holiday).
    /// A letter is posted rather than delivered at an hour, so only opt-outs and cease apply to it.
    public func decide(_ request: ContactRequest, history: ContactHistory, holidays: HolidayCalendar?) -> ContactDecision {
        if history.optedOut.contains(request.method) {
            return .refused(reason: "the client opted out of \(request.method.rawValue)")
        }
        if history.ceased && !request.finalNotice {
            return .refused(reason: "the client asked to cease communication; only a final notice that collection stops"
                            + " or which remedy follows may still go")
        }
        if request.method == .letter { return .allowed }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = request.timeZone
        let zone = request.timeZone.identifier
        let firstDay = Day(instant: request.at, timeZone: request.timeZone)
        var reasons: [String] = []
        func note(_ reason: String) { if !reasons.contains(reason) { reasons.append(reason) } }

        for offset in 0..<ContactRules.searchDays {
            let day = firstDay.adding(days: offset)
            guard let opens = ContactRules.instant(day, window.start, calendar),
                  let closes = ContactRules.instant(day, window.end, calendar) else { continue }
            var candidate = opens
            if offset == 0 {
                let local = ContactRules.localTime(of: request.at, calendar)
                if request.at < opens {
                    note("\(local) in \(zone) is before the contact hours \(window)")
                } else if request.at > closes {
                    note("\(local) in \(zone) is after the contact hours \(window)")
                    continue
                } else {
                    candidate = request.at
                }
            }
            if let obstacle = dayObstacle(day, zone: zone, holidays: holidays)
                ?? frequencyObstacle(day, request: request, history: history) {
                note(obstacle)
                continue
            }
            return candidate == request.at ? .allowed : .held(until: candidate, reason: reasons.joined(separator: "; "))
        }
        // Unreachable with any rules that leave some hours of some days open; hold rather than drop.
        return .held(until: request.at.addingTimeInterval(Double(ContactRules.searchDays) * 86_400),
                     reason: (reasons + ["no allowed window in the next \(ContactRules.searchDays) days"]).joined(separator: "; "))
    }

    private func dayObstacle(_ day: Day, zone: String, holidays: HolidayCalendar?) -> String? {
        if noWeekends && day.weekday.isWeekend {
            return "\(day) is a \(day.weekday == .saturday ? "Saturday" : "Sunday") (no contact at weekends)"
        }
        if noHolidays, let holidays, holidays.isHoliday(day) {
            return "\(day) is a public holiday in \(holidays.region) (no contact on holidays)"
        }
        return nil
    }

    private func frequencyObstacle(_ day: Day, request: ContactRequest, history: ContactHistory) -> String? {
        let zone = request.timeZone
        switch request.method {
        case .email:
            let sent = history.attempts.contains { $0.method == .email && Day(instant: $0.at, timeZone: zone) == day }
            return sent ? "an email already went to the client on \(day) (at most one a day)" : nil
        case .call:
            switch frequency {
            case .standard: return nil
            case .regulationF: return regulationFObstacle(day, request: request, history: history)
            case .massachusetts:
                let calls = history.attempts.filter { $0.method == .call }.map { Day(instant: $0.at, timeZone: zone) }
                if let full = ContactRules.fullWindow(containing: day, callDays: calls, limit: 2) {
                    return "2 calls to the client in the 7 days \(full)-\(full.adding(days: 6)) (Massachusetts allows 2)"
                }
                return regulationFObstacle(day, request: request, history: history)
            }
        case .sms, .letter:
            return nil
        }
    }

    /// Regulation F, per debt: an 8th call in any 7 consecutive days, or a call within 7 days after a
    /// telephone conversation (the day of the conversation is day 1). Calls about no particular
    /// invoice, and requests about none, count for every debt.
    private func regulationFObstacle(_ day: Day, request: ContactRequest, history: ContactHistory) -> String? {
        let calls = history.attempts.filter { attempt in
            attempt.method == .call && (request.invoice == nil || attempt.invoice == nil || attempt.invoice == request.invoice)
        }
        let zone = request.timeZone
        for conversation in calls where conversation.conversation {
            let talked = Day(instant: conversation.at, timeZone: zone)
            if talked <= day && day <= talked.adding(days: 6) {
                return "a telephone conversation on \(talked): Regulation F allows the next call from \(talked.adding(days: 7))"
            }
        }
        let debt = request.invoice.map { " about \($0)" } ?? ""
        if let full = ContactRules.fullWindow(containing: day, callDays: calls.map { Day(instant: $0.at, timeZone: zone) }, limit: 7) {
            return "7 calls\(debt) in the 7 days \(full)-\(full.adding(days: 6)) (Regulation F presumes an 8th a violation)"
        }
        return nil
    }

    /// The first day of a 7-day span containing `day` that already holds `limit` calls, if any.
    static func fullWindow(containing day: Day, callDays: [Day], limit: Int) -> Day? {
        for start in (0...6).map({ day.adding(days: -6 + $0) }) {
            let end = start.adding(days: 6)
            if callDays.filter({ start <= $0 && $0 <= end }).count >= limit { return start }
        }
        return nil
    }

    static func instant(_ day: Day, _ time: LocalTime, _ calendar: Calendar) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute))
    }

    static func localTime(of instant: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return LocalTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0)?.description ?? "?"
    }
}
