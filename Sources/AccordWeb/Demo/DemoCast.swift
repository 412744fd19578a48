import AccordCore

/// The people and partners of the demo program.
enum DemoCast {
    static let programName = "Northwind Partner Program"
    static let channelManagers = ["Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dev Patel"]
    static let regions = ["North America", "EMEA", "APAC", "LATAM"]
    static let solutions = ["Secure Edge", "Data Vault", "Insight Analytics", "Cloud Backup"]
    /// Partners' own fiscal year starts: several rhythms, as in real channels.
    static let fiscalStarts = [1, 4, 7, 10, 2]
    static let admin = Actor(name: "Morgan Lee", role: .programAdmin)

    static let names = [
        "Acme Integration", "Bluepeak Consulting", "Cedar Systems", "Delta Managed Services", "Evergreen IT",
        "Fjord Digital", "Granite Solutions", "Harbor Networks", "Ionic Partners", "Juniper Cloud Works",
        "Kestrel Security", "Lumen Data", "Meridian Tech", "Northstar MSP", "Orchid Analytics", "Pinnacle Resellers",
        "Quartz Consulting", "Redwood Integrators", "Summit Distribution", "Tidewater IT", "Umbra Security",
        "Vantage Point Systems", "Willow Data", "Xenon Networks", "Yellowfin Services", "Zephyr Cloud",
        "Atlas Solution Group", "Beacon Managed IT", "Cobalt Consulting", "Driftwood Digital", "Ember Systems",
        "Falcon Data Partners", "Glacier IT", "Helix Integration", "Iris Cloud", "Jade Networks", "Keystone Resellers",
        "Lattice Consulting", "Mosaic MSP", "Nimbus Analytics",
    ]

    static func stage(_ index: Int) -> LifecycleStage {
        switch index % 20 {
        case 0, 10: .recruited
        case 1, 11, 5: .onboarding
        case 2, 7, 12, 17, 15: .developing
        case 3, 8, 13, 18, 4, 14, 19: .established
        case 6, 16: .declining
        default: .exited
        }
    }

    static func businessModel(_ index: Int) -> BusinessModel {
        BusinessModel.allCases[index % BusinessModel.allCases.count]
    }

    static func contact(for partner: Partner) -> Actor { DemoUsers.contact(for: partner) }
}
