import Foundation
import SettleApp
import SettleCore
import SettleDelivery
import SettleStore

/// A courier that takes every message at once: the outbox, the contact rules and the delivery
/// report are the real ones; only the network is left out. An email gets a Message-ID made from
/// its key, as a reply's In-Reply-To would name it.
struct AcceptingCourier: MessageCourier {
    let channel: MessageChannel

    func content(of message: StoredMessage, client: String, from sender: SenderIdentity, links: ClientLinkSigner?,
                 attachments: [EmailAttachment], at instant: Date) throws -> (bytes: [UInt8], messageID: String?) {
        (Array(message.text.utf8), channel == .email ? Self.messageID(key: message.key) : nil)
    }

    func send(_ batch: [(message: StoredMessage, content: [UInt8])], from sender: SenderIdentity) async -> [CourierOutcome] {
        batch.map { _ in .sent }
    }

    static func messageID(key: String) -> String {
        "<" + key.replacingOccurrences(of: "/", with: ".") + "@mail.settle.test>"
    }
}

/// The organisation `default` as of an instant.
func at(_ settle: Settle, _ instant: String) throws -> Settle {
    guard let date = ISO8601DateFormatter().date(from: instant) else { throw InputError("not an instant: \(instant)") }
    return Settle(database: settle.database, organisation: "default", time: FixedInstant(date))
}

/// The number of rows in a table.
func rows(_ table: String, _ settle: Settle) async throws -> Int {
    try await settle.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
}
