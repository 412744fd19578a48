import AccordCore
import AccordStore
import AccordViews
import Foundation
import Vapor

/// Program settings pages (vendor staff read them, program admins change them): seasonality (DOMAIN §6).
enum SettingsPagesController {
    struct SeasonalityForm: Content {
        var kind: String?
        var name: String?
        var action: String?
        var m1: String?, m2: String?, m3: String?, m4: String?, m5: String?, m6: String?
        var m7: String?, m8: String?, m9: String?, m10: String?, m11: String?, m12: String?

        var typed: [String] { [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12].map { ($0 ?? "").trimmingCharacters(in: .whitespaces) } }
    }

    @Sendable static func seasonality(req: Request) async throws -> Response {
        HTMLResponse.page(
            SeasonalityPage.render(try await seasonalityModel(req, notice: req.query[String.self, at: "saved"].map { _ in "Saved." })))
    }

    @Sendable static func setSeasonality(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let form = try req.form(SeasonalityForm.self)
        let kind = SeasonalityPage.Kind(rawValue: form.kind ?? "") ?? .region
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let typed = form.typed
        func refused(_ message: String) async throws -> Response {
            let model = try await seasonalityModel(req, refused: (kind, name, typed, message))
            return HTMLResponse.page(SeasonalityPage.render(model), status: .unprocessableEntity)
        }
        let weights: [Double]?
        if form.action == "remove" {
            weights = nil
        } else if typed.allSatisfy(\.isEmpty) {
            guard kind == .program else { return try await refused("Give the twelve monthly weights, or remove the profile.") }
            weights = nil
        } else {
            var read: [Double] = []
            for (index, text) in typed.enumerated() {
                guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                    let month = Day.monthAbbreviations[index]
                    return try await refused(
                        text.isEmpty ? "\(month) has no weight: give all twelve months." : "\(month): '\(text)' is not a number.")
                }
                read.append(value)
            }
            weights = read
        }
        if kind != .program, name.isEmpty { return try await refused("Name the \(kind.rawValue) the profile is for.") }
        do {
            // Changed from the settings as they are when the change commits: another admin's save is kept.
            try await req.store.update(programID: program.id, by: try req.actor(), at: req.clock.now()) { program in
                var change = SeasonalityChange(program.settings)
                switch kind {
                case .program: change.program = weights
                case .region: change.set(.region, name, weights: weights)
                case .solution: change.set(.solution, name, weights: weights)
                }
                try change.apply(to: &program)
            }
        } catch let error as InputError {
            return try await refused(error.message)
        }
        return req.redirect(to: SiteURL.seasonality.path + "?saved=1")
    }

    static func seasonalityModel(
        _ req: Request, notice: String? = nil, refused: (SeasonalityPage.Kind, String, [String], String)? = nil
    ) async throws -> SeasonalityPage.Model {
        let program = try await req.program(nil)
        let settings = program.settings
        let partnersByRegion = try await req.store.partnerCountsByRegion(programID: program.id)
        func profile(_ kind: SeasonalityPage.Kind, _ name: String, _ saved: SeasonalityProfile) -> SeasonalityPage.Profile {
            let partners: Int? =
                switch kind {
                case .program:
                    partnersByRegion.filter { settings.regionalSeasonality[$0.key] == nil }.values.reduce(0, +)
                case .region: partnersByRegion[name] ?? 0
                case .solution: nil
                }
            if let refused, refused.0 == kind, refused.1 == name {
                return .init(kind: kind, name: name, weights: refused.2, shares: nil, partners: partners, error: refused.3)
            }
            return .init(
                kind: kind, name: name, weights: saved.monthlyWeights.map { $0.map(Self.weightText) } ?? Array(repeating: "", count: 12),
                shares: shares(saved), partners: partners)
        }
        var profiles = [profile(.program, "", settings.seasonality)]
        profiles += settings.regionalSeasonality.sorted { $0.key < $1.key }.map { profile(.region, $0.key, $0.value) }
        profiles += settings.solutionSeasonality.sorted { $0.key < $1.key }.map { profile(.solution, $0.key, $0.value) }
        let isNew = refused.map { refused in !profiles.contains { $0.kind == refused.0 && $0.name == refused.1 } } ?? false
        let added: SeasonalityPage.Profile =
            if let refused, isNew {
                .init(kind: refused.0, name: refused.1, weights: refused.2, shares: nil, partners: nil, error: refused.3)
            } else {
                .init(kind: .region, name: "", weights: Array(repeating: "", count: 12), shares: nil, partners: nil)
            }
        return SeasonalityPage.Model(
            chrome: try await PageChromes.make(req), profiles: profiles, added: added,
            knownRegions: partnersByRegion.keys.sorted().filter { settings.regionalSeasonality[$0] == nil },
            knownSolutions: settings.planningIndexes.solution.keys.sorted().filter { settings.solutionSeasonality[$0] == nil },
            mayEdit: AccessRule.mayAdminister(try req.viewer()), notice: notice)
    }

    /// Each calendar month's share of a year's weight (a year from January; leap days are too few to show).
    static func shares(_ profile: SeasonalityProfile) -> [Double] {
        let year = Day(year: 2027, month: 1, day: 1)
        let whole = profile.weight(from: year, to: year.firstOfMonth(addingMonths: 12))
        return (0..<12).map { month in
            let start = year.firstOfMonth(addingMonths: month)
            return whole > 0 ? profile.weight(from: start, to: start.firstOfMonth(addingMonths: 1)) / whole : 0
        }
    }

    /// A weight as a person typed it: "1.2", not "1.2000000000000002".
    static func weightText(_ weight: Double) -> String { ReadableNumber.text(weight, decimals: 4) }
}
