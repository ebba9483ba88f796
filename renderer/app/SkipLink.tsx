/** "Skip to main content". It moves focus itself: the app routes by the address's hash, so "#main" would navigate. */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main-content"
      onClick={(event) => {
        event.preventDefault();
        const main = document.getElementById('main-content');
        (main?.querySelector<HTMLElement>('h1') ?? main)?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
