import Vapor

/// The table of contents of every URL Accord serves, grouped by who may enter (one guard per group).
func routes(_ app: Application) throws {
    // MARK: public — operations, assets, signing in
    app.get("healthz") { _ in ["status": "ok"] }
    app.get("styles.css", use: PagesController.stylesheet)
    app.get("login", use: AccountController.signInPage)
    app.post("login", use: AccountController.signIn)
    app.get("invitations", ":token", use: AccountController.linkPage)
    app.post("invitations", ":token", use: AccountController.setPasswordFromLink)

    // MARK: pages for every signed-in user
    let pages = app.grouped(Guard.SignedIn())
    pages.get(use: PagesController.home)
    pages.post("logout", use: AccountController.signOut)
    pages.get("account", "password", use: AccountController.passwordPage)
    pages.post("account", "password", use: AccountController.changePassword)
    pages.get("import", use: ImportPageController.form)
    pages.on(.POST, "import", body: .collect(maxSize: "50mb"), use: ImportPageController.upload)
    let partnerPages = pages.grouped(Guard.PartnerScope())
    partnerPages.get("partners", ":partnerID", use: PagesController.partner)
    partnerPages.get("partners", ":partnerID", "goals", "new", use: GoalPagesController.proposeForm)
    partnerPages.post("partners", ":partnerID", "goals", "new", use: GoalPagesController.propose)
    partnerPages.get("goals", ":goalID", use: GoalPagesController.show)
    partnerPages.post("goals", ":goalID", ":action", use: GoalPagesController.act)
    partnerPages.get("partners", ":partnerID", "plans", "new", use: PlanFormController.newForm)
    partnerPages.post("partners", ":partnerID", "plans", "new", use: PlanFormController.create)
    partnerPages.get("plans", ":planID", "edit", use: PlanFormController.editForm)
    partnerPages.get("plans", ":planID", use: PlanPagesController.plan)
    partnerPages.post("plans", ":planID", ":action", use: PlanPagesController.act)
    partnerPages.get("reviews", ":reviewID", use: PlanPagesController.review)
    partnerPages.post("reviews", ":reviewID", "hold", use: PlanPagesController.hold)

    // MARK: pages for vendor staff
    let vendorPages = pages.grouped(Guard.Vendor())
    vendorPages.get("partners", use: ListPagesController.partners)
    vendorPages.get("portfolio", use: ListPagesController.portfolio)

    // MARK: JSON API — every signed-in user (lists are filtered to what the viewer may read)
    let api = app.grouped("api", "v1").grouped(Guard.SignedIn())
    api.get("programs", use: ProgramsAPI.list)
    api.get("programs", ":programID", use: ProgramsAPI.show)
    api.get("programs", ":programID", "metrics", use: ProgramsAPI.metrics)
    api.get("partners", use: PartnersAPI.list)
    api.get("goals", use: GoalsAPI.list)
    api.post("goals", use: GoalsAPI.propose)
    api.post("facts", "activities", use: FactsAPI.postActivities)
    api.on(.POST, "imports", "activities", body: .stream, use: FactsAPI.importActivities)

    // MARK: JSON API — one partner: readable by the vendor and that partner's users; changes need the right to change it
    let partner = api.grouped(Guard.PartnerScope())
    partner.get("partners", ":partnerID", use: PartnersAPI.show)
    partner.get("partners", ":partnerID", "capacity", use: PartnersAPI.capacity)
    partner.post("partners", ":partnerID", "capacity", use: PartnersAPI.addCapacity)
    partner.get("partners", ":partnerID", "scorecard", use: PartnersAPI.scorecard)
    partner.get("partners", ":partnerID", "baseline", use: PartnersAPI.baseline)
    partner.get("goals", ":goalID", use: GoalsAPI.show)
    partner.post("goals", ":goalID", "send", use: GoalsAPI.send)
    partner.post("goals", ":goalID", "counter", use: GoalsAPI.counter)
    partner.post("goals", ":goalID", "accept", use: GoalsAPI.accept)
    partner.post("goals", ":goalID", "decline", use: GoalsAPI.decline)
    partner.post("goals", ":goalID", "withdraw", use: GoalsAPI.withdraw)
    partner.post("goals", ":goalID", "lower", use: GoalsAPI.lower)

    // joint business plans and reviews (DOMAIN §10, §11)
    partner.get("partners", ":partnerID", "plans", use: PlansAPI.list)
    partner.post("partners", ":partnerID", "plans", use: PlansAPI.create)
    partner.get("plans", ":planID", use: PlansAPI.show)
    partner.post("plans", ":planID", ":action", use: PlansAPI.act)
    partner.get("plans", ":planID", "suggestions", use: PlansAPI.suggestions)
    partner.post("plans", ":planID", "objectives", ":objectiveID", "propose", use: PlansAPI.proposeObjective)
    partner.get("partners", ":partnerID", "reviews", use: PlansAPI.reviews)
    partner.post("reviews", ":reviewID", "hold", use: PlansAPI.hold)

    // MARK: JSON API — vendor staff: partner records and sales facts
    let vendor = api.grouped(Guard.Vendor())
    vendor.post("partners", use: PartnersAPI.create)
    vendor.grouped(Guard.PartnerScope()).post("partners", ":partnerID", "stage", use: PartnersAPI.changeStage)
    vendor.post("facts", "sales", use: FactsAPI.postSales)
    vendor.on(.POST, "imports", "sales", body: .stream, use: FactsAPI.importSales)
    vendor.get("reviews", "overdue", use: PlansAPI.overdue)

    // MARK: JSON API — program admins: programs, metrics, the audit log
    let admin = api.grouped(Guard.Admin())
    admin.post("programs", use: ProgramsAPI.create)
    admin.post("programs", ":programID", "metrics", use: ProgramsAPI.addMetric)
    admin.get("audit", use: AuditAPI.list)
}
