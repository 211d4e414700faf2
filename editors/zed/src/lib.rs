// The whole extension: find `ds-migrate` on the worktree's PATH and start its language server.
use zed_extension_api::{self as zed, LanguageServerId, Result, Worktree};

struct DsMigrate;

impl zed::Extension for DsMigrate {
    fn new() -> Self {
        DsMigrate
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &Worktree) -> Result<zed::Command> {
        let command = worktree
            .which("ds-migrate")
            .ok_or_else(|| "ds-migrate is not on PATH: install it (npm install -g ds-migrate) and restart Zed".to_string())?;
        Ok(zed::Command { command, args: vec!["lsp".into(), "--stdio".into()], env: Vec::new() })
    }
}

zed::register_extension!(DsMigrate);
