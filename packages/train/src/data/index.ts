export { DirectoryIterator, flowFromDirectory, type Batch, type BatchTransform, type ClassMode, type FlowFromDirectoryOptions, type Sample } from './flow-from-directory.js';
export { classFolders, DataFolderError, IMAGE_EXTENSIONS, imageFiles } from './list-files.js';
export { readImage } from './read-image.js';
