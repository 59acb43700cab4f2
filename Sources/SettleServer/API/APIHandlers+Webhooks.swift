import SettleApp
import SettleCore
import SettleStore

/// Webhook subscriptions and their delivery logs. Every operation needs the `manage` permission
/// (owner, admin), reading the log included: a subscription says where the organisation's events
/// go, and the log shows what its systems answered.
extension APIHandlers {
    func listWebhooks(_ input: Operations.ListWebhooks.Input) async throws -> Operations.ListWebhooks.Output {
        let (settle, _) = try settle(.manage)
        return .ok(.init(body: .json(.init(items: try await settle.webhookSubscriptions().map(Self.subscription)))))
    }

    func createWebhook(_ input: Operations.CreateWebhook.Input) async throws -> Operations.CreateWebhook.Output {
        let (settle, _) = try settle(.manage)
        guard case .json(let body) = input.body else { throw APIError.notJSON }
        let created: CreatedWebhookSubscription
        do {
            created = try await settle.subscribeWebhook(url: body.url, events: body.events, secret: body.secret)
        } catch let rejected as WebhookSubscriptionRejected {
            throw APIError.invalid(rejected.problems.map { FieldProblem(field: $0.field, message: $0.message) })
        }
        let subscription = created.subscription
        return .created(.init(body: .json(.init(id: subscription.publicID, url: subscription.url, events: subscription.events,
                                                active: subscription.isActive, createdAt: subscription.createdAt, secret: created.secret))))
    }

    func disableWebhook(_ input: Operations.DisableWebhook.Input) async throws -> Operations.DisableWebhook.Output {
        let settle = try await owned("webhook subscription \(input.path.id)", needs: .manage) {
            try await WebhookSubscriptionStore(database.sql, orgID: $0).find(publicID: input.path.id) != nil
        }
        try await settle.disableWebhook(input.path.id)
        return .noContent(.init())
    }

    func listWebhookDeliveries(_ input: Operations.ListWebhookDeliveries.Input) async throws -> Operations.ListWebhookDeliveries.Output {
        let settle = try await owned("webhook subscription \(input.path.id)", needs: .manage) {
            try await WebhookSubscriptionStore(database.sql, orgID: $0).find(publicID: input.path.id) != nil
        }
        let limit = try pageLimit(input.query.limit)
        let before = try Cursor.decode(input.query.cursor, parts: 1).map { parts in
            guard let id = Int64(parts[0]) else { throw APIError.invalid([FieldProblem(field: "cursor", message: "is not a cursor this API gave")]) }
            return id
        }
        let page = try await settle.webhookDeliveries(input.path.id, before: before, limit: limit + 1)
        let items = page.prefix(limit)
        return .ok(.init(body: .json(.init(
            items: items.map { delivery in
                .init(id: delivery.id, eventId: delivery.eventID, eventType: delivery.eventType,
                      status: .init(rawValue: delivery.status.rawValue) ?? .pending, attempts: delivery.attempts,
                      lastStatus: delivery.lastStatus, lastError: delivery.lastError, nextAttemptAt: delivery.nextAttemptAt,
                      deliveredAt: delivery.deliveredAt, createdAt: delivery.createdAt)
            },
            nextCursor: page.count > limit ? items.last.map { Cursor.encode([String($0.id)]) } : nil))))
    }

    static func subscription(_ stored: StoredWebhookSubscription) -> Components.Schemas.WebhookSubscription {
        .init(id: stored.publicID, url: stored.url, events: stored.events, active: stored.isActive, createdAt: stored.createdAt,
              disabledAt: stored.disabledAt)
    }
}
