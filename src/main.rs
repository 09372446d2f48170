fn main() -> std::process::ExitCode {
    paracheck::cli::main()
}
