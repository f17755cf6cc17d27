// Start-up failures that must reach the operator as one clear line, without a stack trace.
export class StartupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StartupError'
  }
}
