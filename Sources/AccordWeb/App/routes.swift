import Vapor

/// The table of contents of every URL Accord serves.
func routes(_ app: Application) throws {
    // MARK: operations
    app.get("healthz") { _ in ["status": "ok"] }

    // MARK: pages (HTML)
    app.get(use: PagesController.overview)
    app.get("partners", ":partnerID", use: PagesController.partner)
    app.get("styles.css", use: PagesController.stylesheet)

    // MARK: JSON API
    let api = app.grouped("api", "v1")

    // programs and metrics (DOMAIN §4)
    api.get("programs", use: ProgramsAPI.list)
    api.post("programs", use: ProgramsAPI.create)
    api.get("programs", ":programID", use: ProgramsAPI.show)
    api.get("programs", ":programID", "metrics", use: ProgramsAPI.metrics)
    api.post("programs", ":programID", "metrics", use: ProgramsAPI.addMetric)

    // partners (DOMAIN §3) and their scorecards (§6)
    api.get("partners", use: PartnersAPI.list)
    api.post("partners", use: PartnersAPI.create)
    api.get("partners", ":partnerID", use: PartnersAPI.show)
    api.post("partners", ":partnerID", "stage", use: PartnersAPI.changeStage)
    api.get("partners", ":partnerID", "capacity", use: PartnersAPI.capacity)
    api.post("partners", ":partnerID", "capacity", use: PartnersAPI.addCapacity)
    api.get("partners", ":partnerID", "scorecard", use: PartnersAPI.scorecard)
    api.get("partners", ":partnerID", "baseline", use: PartnersAPI.baseline)

    // goals and their agreement (DOMAIN §5)
    api.get("goals", use: GoalsAPI.list)
    api.post("goals", use: GoalsAPI.propose)
    api.get("goals", ":goalID", use: GoalsAPI.show)
    api.post("goals", ":goalID", "send", use: GoalsAPI.send)
    api.post("goals", ":goalID", "counter", use: GoalsAPI.counter)
    api.post("goals", ":goalID", "accept", use: GoalsAPI.accept)
    api.post("goals", ":goalID", "decline", use: GoalsAPI.decline)
    api.post("goals", ":goalID", "withdraw", use: GoalsAPI.withdraw)
    api.post("goals", ":goalID", "lower", use: GoalsAPI.lower)

    // facts in (DOMAIN §4): JSON batches, and CSV bodies streamed
    api.post("facts", "sales", use: FactsAPI.postSales)
    api.post("facts", "activities", use: FactsAPI.postActivities)
    api.on(.POST, "imports", ":kind", body: .stream, use: FactsAPI.importCSV)

    // audit log (DOMAIN §14)
    api.get("audit", use: AuditAPI.list)
}
