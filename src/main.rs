fn main() {
    std::process::exit(applinkc::cli::run());
}
