//! `local-cognito`: a Cognito-compatible user pool on your machine.
//!
//! ```text
//! local-cognito serve --config demo/local-cognito.toml      # 127.0.0.1:9229, data in .local-cognito/
//! local-cognito messages                                    # codes and temporary passwords "sent"
//! local-cognito hash-password 'Legacy-Passw0rd!'            # a hash for a legacy-users file
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use local_cognito::clock::{SystemClock, random_bytes};
use local_cognito::config::Config;
use local_cognito::store::Store;
use local_cognito::triggers::{Triggers, builtin};
use local_cognito::{Service, router};
use tracing_subscriber::EnvFilter;

mod commands;

#[derive(Debug, Parser)]
#[command(
    version,
    about = "A Cognito-compatible user pool server for local development and tests"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the Cognito API (the default).
    Serve(ServeArgs),
    /// Print the messages (codes, temporary passwords) Cognito would have sent.
    Messages {
        /// Where the data lives.
        #[arg(long, default_value = ".local-cognito")]
        data_dir: PathBuf,
        /// Only this user's.
        #[arg(long)]
        username: Option<String>,
    },
    /// List the pools and their app clients.
    Pools {
        /// Where the data lives.
        #[arg(long, default_value = ".local-cognito")]
        data_dir: PathBuf,
    },
    /// List a pool's users.
    Users {
        #[command(flatten)]
        at: PoolArgs,
    },
    /// Create a user (CONFIRMED, or FORCE_CHANGE_PASSWORD with --temporary).
    AddUser {
        #[command(flatten)]
        user: UserPasswordArgs,
        /// Attributes, `name=value`, repeatable.
        #[arg(long = "attribute")]
        attributes: Vec<String>,
    },
    /// Set a user's password (permanent unless --temporary).
    SetPassword {
        #[command(flatten)]
        user: UserPasswordArgs,
    },
    /// Hash a password for a `legacy-migration` users file (PBKDF2-SHA256).
    HashPassword {
        /// The password.
        password: String,
    },
}

/// Which pool, in which data directory.
#[derive(Debug, clap::Args)]
struct PoolArgs {
    /// Where the data lives.
    #[arg(long, default_value = ".local-cognito")]
    data_dir: PathBuf,
    /// The pool id.
    #[arg(long)]
    pool: String,
}

/// A user of a pool and a password for them.
#[derive(Debug, clap::Args)]
struct UserPasswordArgs {
    #[command(flatten)]
    at: PoolArgs,
    /// The username.
    #[arg(long)]
    username: String,
    /// The password (only its SRP verifier is stored).
    #[arg(long)]
    password: String,
    /// The password is temporary: a new one is required at first sign-in.
    #[arg(long)]
    temporary: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on (port 0: any free port; the chosen one is printed).
    #[arg(long, default_value = "127.0.0.1:9229")]
    addr: SocketAddr,
    /// Where the SQLite database lives.
    #[arg(long, default_value = ".local-cognito")]
    data_dir: PathBuf,
    /// A TOML file of pools, clients, users and triggers to create at start-up.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The URL clients use to reach this server (the tokens' issuer); default `http://<addr>`.
    #[arg(long)]
    public_url: Option<String>,
    /// Base URL of a Lambda Invoke API for `lambda:` triggers, e.g. `http://127.0.0.1:9001`.
    #[arg(long)]
    lambda_endpoint: Option<String>,
    /// A directory whose Node.js handler files pools created or updated through the API may
    /// name (`node:<file>`). Without it, only the TOML configuration names handler files.
    #[arg(long)]
    api_handler_dir: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| "local_cognito=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Serve(args)) => serve(args).await,
        None => serve(ServeArgs::parse_default()).await,
        Some(Command::Messages { data_dir, username }) => {
            print_messages(&data_dir, username.as_deref())
        }
        Some(Command::Pools { data_dir }) => commands::pools(&data_dir),
        Some(Command::Users { at }) => commands::users(&at.data_dir, &at.pool),
        Some(Command::AddUser { user, attributes }) => commands::add_user(
            &user.at.data_dir,
            &user.at.pool,
            &user.username,
            &user.password,
            user.temporary,
            &attributes,
        ),
        Some(Command::SetPassword { user }) => commands::set_password(
            &user.at.data_dir,
            &user.at.pool,
            &user.username,
            &user.password,
            user.temporary,
        )
        .map(|()| {
            let kind = if user.temporary {
                "temporary"
            } else {
                "permanent"
            };
            println!(
                "set a {kind} password for {} in {}",
                user.username, user.at.pool
            );
        }),
        Some(Command::HashPassword { password }) => {
            println!(
                "{}",
                builtin::hash_password(&password, &random_bytes(16), 100_000)
            );
            Ok(())
        }
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("local-cognito: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

impl ServeArgs {
    fn parse_default() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            args: ServeArgs,
        }
        Only::parse().args
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let store = Store::open(&args.data_dir)
        .map_err(|error| format!("cannot open {}: {error}", args.data_dir.display()))?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", args.addr))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    let public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{address}"));
    let base_dir = args
        .config
        .as_ref()
        .and_then(|path| path.parent().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."));
    let triggers = Triggers {
        lambda_endpoint: args.lambda_endpoint,
        api_handler_dir: args.api_handler_dir,
        base_dir,
        ..Triggers::default()
    };
    let service = Arc::new(Service::new(
        store,
        triggers,
        Arc::new(SystemClock),
        public_url,
    ));
    if let Some(path) = &args.config {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let config =
            Config::parse(&text).map_err(|error| format!("{}: {error}", path.display()))?;
        config
            .apply(&service)
            .map_err(|error| format!("{}: {error}", path.display()))?;
    }
    // Tests and scripts read this line to find the port.
    println!("local-cognito listening on http://{address}");
    axum::serve(listener, router(service))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|error| error.to_string())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let Ok(mut terminate) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            return interrupt.await.unwrap_or_default();
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await.unwrap_or_default();
}

fn print_messages(data_dir: &std::path::Path, username: Option<&str>) -> Result<(), String> {
    let store = Store::open(data_dir).map_err(|error| error.to_string())?;
    let messages = store
        .messages(None, username)
        .map_err(|error| error.to_string())?;
    if messages.is_empty() {
        // Saying so, rather than printing nothing: an empty outbox and a wrong --data-dir look
        // alike otherwise.
        println!(
            "no messages in {}{}",
            data_dir.display(),
            username
                .map(|name| format!(" for {name}"))
                .unwrap_or_default()
        );
    }
    for message in messages {
        println!(
            "{}\t{}\t{}\t{}",
            message.pool_id, message.username, message.kind, message.code
        );
    }
    Ok(())
}
