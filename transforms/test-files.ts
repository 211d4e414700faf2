// Test files by their conventional names: in them, a legacy ID that is not sent in a
// request is test data, pinned by assertions, and moves only with the code it tests.
const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?|spec|e2e)\/|(^|\/)(test_[^/]*|[^/]*_test)\.py$|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)conftest\.py$/;

export function isTestFile(file: string): boolean {
  return TEST_PATH.test(file.replace(/\\/g, "/"));
}
