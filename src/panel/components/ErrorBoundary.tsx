import { Component, type ComponentChildren } from 'preact';
import { boundedText, DETAIL_CHARS } from '../bounded';
import { copyText } from '../clipboard';

interface Props {
  /** The view's name, as the user knows it ("Timeline", "Details"). */
  name: string;
  children?: ComponentChildren;
}

/**
 * Keeps a view's failure to itself: when rendering the view throws, it shows the error, a "Copy error" button and a
 * "Try again" button in its place, and the panel's other views keep working.
 */
export class ErrorBoundary extends Component<Props, { failed?: boolean; error?: unknown }> {
  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    const { failed, error } = this.state;
    if (!failed) return this.props.children;
    const { name } = this.props;
    const message = error instanceof Error ? error.message : String(error);
    const report = `${name}: ${error instanceof Error ? (error.stack ?? message) : message}`;
    return (
      <section class="view-error" role="alert" aria-label={`${name} failed`}>
        <p>
          {name} stopped: {boundedText(message, DETAIL_CHARS)}
        </p>
        <button type="button" onClick={() => copyText(report)}>
          Copy error
        </button>
        <button type="button" onClick={() => this.setState({ failed: false, error: undefined })}>
          Try again
        </button>
      </section>
    );
  }
}
