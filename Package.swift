// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "accord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accord", targets: ["accord"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        // The SMTP client speaks to the relay over SwiftNIO, with STARTTLS from NIOSSL (both already under Vapor).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
    ],
    targets: [
        .executableTarget(
            name: "accord",
            dependencies: ["AccordWeb"]
        ),
        .target(name: "AccordCore"),
        // The API contract: openapi/openapi.yaml, shipped as a resource and read into operations.
        .target(
            name: "AccordContract",
            dependencies: [.product(name: "Yams", package: "Yams")],
            path: "openapi",
            exclude: ["README.md"],
            resources: [.copy("openapi.yaml")]
        ),
        .target(
            name: "AccordStore",
            dependencies: [
                "AccordCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        .target(
            name: "AccordViews",
            dependencies: [
                "AccordCore",
                "AccordContract",
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        .target(
            name: "AccordWeb",
            dependencies: [
                "AccordCore",
                "AccordStore",
                "AccordViews",
                "AccordContract",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "AccordCoreTests",
            dependencies: [
                "AccordCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "AccordStoreTests",
            dependencies: ["AccordStore", "AccordCore"]
        ),
        .testTarget(
            name: "AccordViewsTests",
            dependencies: [
                "AccordViews",
                "AccordCore",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "AccordWebTests",
            dependencies: [
                "AccordWeb",
                "AccordStore",
                "AccordContract",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
