//! The binary's commands: parse the arguments ([`args`]), convert them once into the
//! library's options, run, print the report ([`report`]) and choose the exit code:
//! 0 success, 1 input errors, 2 usage errors.

mod args;
mod check;
mod import;
mod interrupt;
mod issue;
mod merge;
mod ntm;
mod register;
mod render;
mod report;
mod serve;
mod usage;

use std::process::ExitCode;

use clap::Parser;
use vanban::output::OutputDir;
use vanban::pipeline::Resources;

/// Parse the command line and run it.
pub fn run() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return usage_error(&e),
    };
    interrupt::install();
    match cli.command {
        args::Command::Render(a) => render::run(&a),
        args::Command::Check(a) => check::run(&a),
        args::Command::Merge(a) => merge::run(&a),
        args::Command::Import(a) => import::run(&a),
        args::Command::Schema => {
            print!("{}", vanban::schema::input_schema());
            ExitCode::SUCCESS
        }
        args::Command::Ntm(a) => ntm::run(&a),
        args::Command::Issue(a) => issue::run(&a),
        args::Command::Register(a) => register::run(&a),
        args::Command::Serve(a) => serve::run(&a),
    }
}

/// clap's verdict: help and version are printed as asked; a mistake gets one Vietnamese
/// line in the user's language (never clap's English), the usage line and where to read
/// more, and exit code 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = e.print();
        return ExitCode::from(2);
    }
    // clap's own text is English: the message is rebuilt from the error's context.
    eprintln!("{}", usage::message(e, usage::english()));
    ExitCode::from(2)
}

/// What `render` and `merge` do before any document: the --templates folder must exist
/// (usage error, 2), the resources are loaded once, the output folder is created when
/// `make_out_dir`.
fn prepare(
    common: &args::BatchCommon,
    make_out_dir: bool,
) -> Result<(Resources, OutputDir), ExitCode> {
    // Documents will be made as PDF: build typst's engine (fonts, library, program) on
    // another thread while this one reads the templates and the data (issue 17, cold
    // start). The first document waits for it if it is not ready yet.
    if make_out_dir
        && common
            .options()
            .formats
            .list()
            .contains(&vanban::export::Format::Pdf)
    {
        let _ = std::thread::Builder::new()
            .name("warm-up".into())
            .spawn(|| vanban::export::pdf::Engine::get().is_ok());
    }
    if let Some(dir) = &common.templates
        && !dir.is_dir()
    {
        eprintln!("lỗi: thư mục mẫu {} không tồn tại", dir.display());
        return Err(ExitCode::from(2));
    }
    let res = Resources::load(common.templates.as_deref()).map_err(|e| {
        eprintln!("lỗi: {e}");
        ExitCode::from(1)
    })?;
    let out = if make_out_dir {
        OutputDir::create(&common.out).map_err(|e| {
            eprintln!("lỗi: không tạo được thư mục {}: {e}", common.out.display());
            ExitCode::from(1)
        })?
    } else {
        OutputDir::at(&common.out)
    };
    Ok((res, out))
}

/// Exit code 1 when `failed`, else 0.
fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
