//! The reader's loop, apart from any real terminal: wait for the next input (a terminal event
//! or a search result), turn it into an action, `update`, carry out the effects the state asks
//! for, and draw — only when something changed. Generic over the terminal's backend and where
//! inputs and effects go, so tests run it on `TestBackend` and count frames.
//!
//! The wait has no end unless the screen shows an embargo counting down: then it ends when
//! the countdown next changes (`App::wake_in`), once, and the screen is drawn again. An idle
//! reader with nothing counting down draws nothing.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use ratatui::Terminal;
use ratatui::backend::Backend;

use ratatui::crossterm::event::Event;

use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::input::{self, Input};
use crate::tui::query::SearchRequest;
use crate::tui::theme::Theme;
use crate::tui::view;

/// Where inputs come from.
pub trait Inputs {
    /// The next input, waiting for it — no longer than `wake` when given, and then
    /// `Input::Tick`; `None` when there will be no more.
    fn next(&mut self, wake: Option<Duration>) -> Option<Input>;
    /// An input that is already waiting, if any.
    fn ready(&mut self) -> Option<Input>;
}

impl Inputs for mpsc::Receiver<Input> {
    fn next(&mut self, wake: Option<Duration>) -> Option<Input> {
        match wake {
            None => self.recv().ok(),
            Some(wait) => match self.recv_timeout(wait) {
                Ok(input) => Some(input),
                Err(mpsc::RecvTimeoutError::Timeout) => Some(Input::Tick),
                Err(mpsc::RecvTimeoutError::Disconnected) => None,
            },
        }
    }

    fn ready(&mut self) -> Option<Input> {
        self.try_recv().ok()
    }
}

/// A script of inputs (tests): all of them are ready at once, so no wait runs out.
impl Inputs for VecDeque<Input> {
    fn next(&mut self, _wake: Option<Duration>) -> Option<Input> {
        self.pop_front()
    }

    fn ready(&mut self) -> Option<Input> {
        self.pop_front()
    }
}

/// What the runtime does for the state.
pub trait Effects {
    /// Start a search; its results come back as an input.
    fn search(&mut self, request: SearchRequest);
    /// Put text on the clipboard.
    fn copy(&mut self, text: &str) -> Result<()>;
    /// Search `catalog` from now on.
    fn use_catalog(&mut self, catalog: std::sync::Arc<crate::catalog::Catalog>);
    /// Deliver an alert for a new story.
    fn alert(&mut self, alert: &crate::alert::Alert, article: &crate::article::Article);
    /// Write a change to the desk state; what went wrong, for the status line.
    fn save_desk(&mut self, change: &crate::tui::app::DeskChange) -> Result<(), String>;
    /// Run a program on the story (its link, its file, the pipe command), giving it the
    /// terminal if it needs it; what to say in the status line.
    fn external(&mut self, run: &crate::tui::external::External) -> Result<String, String> {
        Err(format!("{run:?} cannot run here"))
    }
    /// Keep a query searched in the history file; what went wrong, for the status line.
    fn remember_query(&mut self, _query: &str) -> Result<(), String> {
        Ok(())
    }
}

/// The loop's terminal and what it has drawn.
pub struct Runtime<B: Backend> {
    terminal: Terminal<B>,
    theme: Theme,
    frames: u64,
    /// What the user did while the whole catalogue was opening, in order, to be handled once
    /// it is in (`App::is_opening`).
    waiting: VecDeque<Input>,
}

impl<B> Runtime<B>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    pub fn new(terminal: Terminal<B>, theme: Theme) -> Runtime<B> {
        Runtime {
            terminal,
            theme,
            frames: 0,
            waiting: VecDeque::new(),
        }
    }

    /// Frames drawn so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    pub fn terminal(&self) -> &Terminal<B> {
        &self.terminal
    }

    /// Runs until the app quits or the inputs end.
    pub fn run(
        &mut self,
        app: &mut App,
        inputs: &mut impl Inputs,
        effects: &mut impl Effects,
    ) -> Result<()> {
        self.start(app, effects)?;
        self.carry_on(app, inputs, effects)
    }

    /// Runs from the first frame ([`Runtime::start`]) until the app quits or the inputs end.
    pub fn carry_on(
        &mut self,
        app: &mut App,
        inputs: &mut impl Inputs,
        effects: &mut impl Effects,
    ) -> Result<()> {
        while !app.quitting() {
            let Some(input) = inputs.next(app.wake_in()) else {
                break;
            };
            self.turn(app, input, inputs, effects)?;
        }
        Ok(())
    }

    /// Tells the app the terminal's size and draws the first frame.
    pub fn start(&mut self, app: &mut App, effects: &mut impl Effects) -> Result<()> {
        let size = self
            .terminal
            .size()
            .context("could not read the terminal's size")?;
        app.update(crate::tui::action::Action::Resize {
            width: size.width,
            height: size.height,
        });
        carry_out(app, effects)?;
        self.draw(app)
    }

    /// Handles `input` and every input already waiting behind it, then draws once if any of
    /// them changed the screen.
    pub fn turn(
        &mut self,
        app: &mut App,
        input: Input,
        inputs: &mut impl Inputs,
        effects: &mut impl Effects,
    ) -> Result<()> {
        let mut changed = self.handle(app, input)?;
        while !app.quitting()
            && let Some(input) = inputs.ready()
        {
            changed |= self.handle(app, input)?;
        }
        let (carried, repaint) = carry_out(app, effects)?;
        changed |= carried;
        if repaint {
            // A program had the terminal, which comes back blank: both buffers are reset so
            // the next frame is drawn whole (`clear` would ask the terminal where its cursor
            // is, and the event thread would take the answer).
            self.terminal.swap_buffers();
            self.terminal.swap_buffers();
        }
        if (changed || repaint) && !app.quitting() {
            self.draw(app)?;
        }
        Ok(())
    }

    fn draw(&mut self, app: &App) -> Result<()> {
        let theme = &self.theme;
        self.terminal
            .draw(|frame| view::draw(frame, app, theme))
            .context("could not draw on the terminal")?;
        self.frames += 1;
        Ok(())
    }
}

impl<B: Backend> Runtime<B> {
    /// One input into the app, or kept for when the whole catalogue is in; then what was kept,
    /// once it is. Whether the screen changed.
    fn handle(&mut self, app: &mut App, input: Input) -> Result<bool> {
        if app.is_opening() && waits(app, &input, self.waiting.is_empty()) {
            self.waiting.push_back(input);
            return Ok(false);
        }
        let mut changed = handle(app, input)?;
        while !app.is_opening()
            && !app.quitting()
            && let Some(input) = self.waiting.pop_front()
        {
            changed |= handle(app, input)?;
        }
        Ok(changed)
    }
}

/// Whether `input` waits while the catalogue opens: what the user does (keys, pastes, the
/// mouse), except leaving. Once one waits every one after it does too, so that keys typed
/// ahead are read in the modes they were typed for (`/` then `q` types a q).
fn waits(app: &App, input: &Input, first: bool) -> bool {
    let Input::Event(event) = input else {
        return false;
    };
    if !matches!(event, Event::Key(_) | Event::Paste(_) | Event::Mouse(_)) {
        return false;
    }
    match input::action(app, input.clone()) {
        Some(Action::Interrupt) => false,
        Some(Action::Quit) | None => !first,
        Some(_) => true,
    }
}

/// One input into the app; whether the screen changed.
fn handle(app: &mut App, input: Input) -> Result<bool> {
    if let Input::Failed(message) = &input {
        return Err(anyhow!("could not read from the terminal: {message}"));
    }
    Ok(input::action(app, input).is_some_and(|action| app.update(action)))
}

/// The effects the app asked for, carried out; whether that changed the screen (a change to
/// the desk state that could not be written is said in the status line), and whether a
/// program had the terminal (everything must be drawn again).
fn carry_out(app: &mut App, effects: &mut impl Effects) -> Result<(bool, bool)> {
    let mut changed = false;
    let mut repaint = false;
    for effect in app.take_effects() {
        match effect {
            Effect::Search(request) => effects.search(request),
            Effect::Copy(text) => effects.copy(&text)?,
            Effect::UseCatalog(catalog) => effects.use_catalog(catalog.0),
            Effect::Alert { alert, article } => effects.alert(&alert, &article),
            Effect::Desk(change) => {
                if let Err(message) = effects.save_desk(&change) {
                    changed |= app.update(crate::tui::action::Action::Note(message));
                }
            }
            Effect::RememberQuery(query) => {
                if let Err(message) = effects.remember_query(&query) {
                    changed |= app.update(crate::tui::action::Action::Note(message));
                }
            }
            Effect::External(run) => {
                repaint |= run.takes_terminal();
                let message = effects.external(&run).unwrap_or_else(|e| e);
                changed |= app.update(crate::tui::action::Action::Note(message));
            }
        }
    }
    Ok((changed, repaint))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{
        Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseEvent,
        MouseEventKind,
    };

    use crate::embedded;
    use crate::search::Session;
    use crate::tui::runtime::*;

    /// Runs searches in place and keeps what was copied.
    #[derive(Default)]
    struct Recorder {
        searches: Vec<SearchRequest>,
        copied: Vec<String>,
    }

    impl Effects for Recorder {
        fn search(&mut self, request: SearchRequest) {
            self.searches.push(request);
        }

        fn copy(&mut self, text: &str) -> Result<()> {
            self.copied.push(text.to_string());
            Ok(())
        }

        fn use_catalog(&mut self, _catalog: Arc<crate::catalog::Catalog>) {}

        fn alert(&mut self, _alert: &crate::alert::Alert, _article: &crate::article::Article) {}

        fn save_desk(&mut self, _change: &crate::tui::app::DeskChange) -> Result<(), String> {
            Ok(())
        }
    }

    fn setup() -> (Runtime<TestBackend>, App) {
        let terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let app = App::new(
            Arc::new(embedded::catalog()),
            "samples".into(),
            std::env::temp_dir(),
            80,
        );
        (Runtime::new(terminal, Theme::default()), app)
    }

    fn key(c: char) -> Input {
        Input::Event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    }

    /// What an idle terminal may still send: nothing the reader acts on.
    fn idle(i: u16) -> Input {
        match i % 4 {
            0 => Input::Event(Event::FocusGained),
            1 => Input::Event(Event::Mouse(MouseEvent {
                kind: MouseEventKind::Moved,
                column: i % 80,
                row: i % 24,
                modifiers: KeyModifiers::NONE,
            })),
            2 => Input::Event(Event::Key(KeyEvent {
                code: KeyCode::Char('j'),
                modifiers: KeyModifiers::NONE,
                kind: KeyEventKind::Release,
                state: KeyEventState::NONE,
            })),
            _ => Input::Event(Event::Resize(80, 24)),
        }
    }

    #[test]
    fn an_idle_reader_draws_nothing_and_a_key_draws_once() {
        let (mut runtime, mut app) = setup();
        let mut effects = Recorder::default();
        let mut none = VecDeque::new();
        runtime.start(&mut app, &mut effects).unwrap();
        assert_eq!(runtime.frames(), 1);
        for i in 0..50 {
            runtime
                .turn(&mut app, idle(i), &mut none, &mut effects)
                .unwrap();
        }
        assert_eq!(runtime.frames(), 1, "nothing changed, nothing drawn");
        let before = app.layouts_done();
        runtime
            .turn(&mut app, key('j'), &mut none, &mut effects)
            .unwrap();
        assert_eq!(runtime.frames(), 2, "one key, one frame");
        assert_eq!(app.selected(), 1);
        assert_eq!(
            app.layouts_done(),
            before + 1,
            "the new story laid out once"
        );
    }

    #[test]
    fn inputs_already_waiting_are_drawn_together() {
        let (mut runtime, mut app) = setup();
        let mut effects = Recorder::default();
        let mut script: VecDeque<Input> = "jjjj".chars().map(key).collect();
        runtime.run(&mut app, &mut script, &mut effects).unwrap();
        assert_eq!(app.selected(), 4);
        assert_eq!(
            runtime.frames(),
            2,
            "the first frame, then one for four keys"
        );
    }

    #[test]
    fn typing_asks_for_a_search_and_its_results_come_back_as_input() {
        let (mut runtime, mut app) = setup();
        let mut effects = Recorder::default();
        let mut script: VecDeque<Input> = "/'galatasaray".chars().map(key).collect();
        runtime.run(&mut app, &mut script, &mut effects).unwrap();
        let request = effects.searches.pop().expect("a search was asked for");
        assert_eq!(request.text.trim(), "'galatasaray");
        let docs = Session::default()
            .run(app.catalog(), &request.text, &|| false)
            .unwrap();
        let frames = runtime.frames();
        let mut none = VecDeque::new();
        let results = Input::Searched {
            generation: request.generation,
            docs,
        };
        runtime
            .turn(&mut app, results, &mut none, &mut effects)
            .unwrap();
        assert_eq!(app.rows().len(), 1);
        assert_eq!(runtime.frames(), frames + 1);
        assert!(runtime.terminal().backend().to_string().contains("1 of 44"));
    }

    #[test]
    fn quitting_ends_the_loop_without_another_frame() {
        let (mut runtime, mut app) = setup();
        let mut effects = Recorder::default();
        let mut script: VecDeque<Input> = "yqj".chars().map(key).collect();
        runtime.run(&mut app, &mut script, &mut effects).unwrap();
        assert!(app.quitting());
        assert_eq!(app.selected(), 0, "nothing after q was handled");
        assert_eq!(effects.copied.len(), 1, "the copy before q was carried out");
        assert_eq!(runtime.frames(), 1);
    }

    #[test]
    fn a_countdown_on_screen_is_drawn_again_when_its_minute_changes() {
        let time = std::rc::Rc::new(std::cell::Cell::new(crate::tui::fixtures::now()));
        let clock = std::rc::Rc::clone(&time);
        let mut app = App::new(
            Arc::new(crate::tui::fixtures::catalog()),
            "wire".into(),
            std::env::temp_dir(),
            80,
        )
        .with_clock(move || clock.get())
        .with_time_zone(jiff::tz::TimeZone::UTC);
        let mut runtime = Runtime::new(
            Terminal::new(TestBackend::new(100, 30)).unwrap(),
            Theme::default(),
        );
        let mut effects = Recorder::default();
        let mut none = VecDeque::new();
        runtime.start(&mut app, &mut effects).unwrap();
        assert!(
            runtime
                .terminal()
                .backend()
                .to_string()
                .contains("emb 2h10m")
        );
        assert!(app.wake_in().is_some(), "the runtime is asked to wake");
        time.set("2026-12-02T10:01:00Z".parse().unwrap());
        runtime
            .turn(&mut app, Input::Tick, &mut none, &mut effects)
            .unwrap();
        assert_eq!(runtime.frames(), 2, "woken once, drawn once");
        assert!(
            runtime
                .terminal()
                .backend()
                .to_string()
                .contains("emb 2h9m")
        );
    }

    /// The reader on the samples' newest five while the whole catalogue opens.
    fn opening() -> (Runtime<TestBackend>, App, Arc<crate::catalog::Catalog>) {
        let whole = Arc::new(embedded::catalog());
        let newest: Vec<_> = whole
            .newest_first()
            .iter()
            .take(5)
            .map(|&d| whole.article(d).unwrap())
            .collect();
        let terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let app = App::new(
            Arc::new(crate::catalog::Catalog::from_articles(newest)),
            "samples".into(),
            std::env::temp_dir(),
            80,
        )
        .opening(whole.stories(), whole.len());
        (Runtime::new(terminal, Theme::default()), app, whole)
    }

    #[test]
    fn keys_typed_while_the_catalogue_opens_wait_for_it_in_order() {
        let (mut runtime, mut app, whole) = opening();
        let mut effects = Recorder::default();
        let mut none = VecDeque::new();
        runtime.start(&mut app, &mut effects).unwrap();
        for c in "/qj".chars() {
            runtime
                .turn(&mut app, key(c), &mut none, &mut effects)
                .unwrap();
        }
        assert_eq!(app.query(), "", "nothing typed yet");
        assert!(!app.quitting(), "q after / is typed, not quit");
        assert_eq!(runtime.frames(), 1, "nothing changed on screen");
        runtime
            .turn(
                &mut app,
                Input::Archive(crate::tui::shared::Shared(Arc::clone(&whole))),
                &mut none,
                &mut effects,
            )
            .unwrap();
        assert!(!app.is_opening());
        assert_eq!(app.query(), "qj", "typed into the prompt, in order");
        let request = effects
            .searches
            .pop()
            .expect("searched the whole catalogue");
        assert_eq!(request.text.trim(), "qj");
        assert_eq!(runtime.frames(), 2);
    }

    #[test]
    fn leaving_does_not_wait_for_the_catalogue() {
        for quit in [
            key('q'),
            Input::Event(Event::Key(KeyEvent::new(
                KeyCode::Char('c'),
                KeyModifiers::CONTROL,
            ))),
        ] {
            let (mut runtime, mut app, _) = opening();
            let mut effects = Recorder::default();
            let mut script = VecDeque::from([quit]);
            runtime.run(&mut app, &mut script, &mut effects).unwrap();
            assert!(app.quitting());
            assert!(app.is_opening());
        }
        // Ctrl-C leaves even behind keys that wait.
        let (mut runtime, mut app, _) = opening();
        let mut effects = Recorder::default();
        let mut script: VecDeque<Input> = "/x".chars().map(key).collect();
        script.push_back(Input::Event(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        ))));
        runtime.run(&mut app, &mut script, &mut effects).unwrap();
        assert!(app.quitting());
    }

    #[test]
    fn a_wait_that_runs_out_is_a_tick() {
        let (tx, mut rx) = mpsc::channel::<Input>();
        assert_eq!(
            rx.next(Some(std::time::Duration::from_millis(1))),
            Some(Input::Tick)
        );
        tx.send(Input::Failed("x".into())).unwrap();
        assert_eq!(rx.next(None), Some(Input::Failed("x".into())));
        drop(tx);
        assert_eq!(rx.next(Some(std::time::Duration::from_millis(1))), None);
    }

    #[test]
    fn a_failed_terminal_read_ends_the_loop_with_its_error() {
        let (mut runtime, mut app) = setup();
        let mut effects = Recorder::default();
        let mut script = VecDeque::from([Input::Failed("gone".into())]);
        let err = runtime
            .run(&mut app, &mut script, &mut effects)
            .unwrap_err();
        assert!(err.to_string().contains("gone"), "{err}");
    }
}
