import AccordWeb

/// The `accord` executable: everything lives in AccordWeb so tests build the same application.
@main
struct Entrypoint {
    static func main() async throws {
        try await AccordApp.main()
    }
}
