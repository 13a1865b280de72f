package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

const (
	// phostPageLimit is the Limit asked for each page.
	phostPageLimit = 100
	// phostPagesInFlight bounds the pages fetched at once after the first.
	// NOTE: 8 from measurement (BENCHMARKS.md, issue 13): against 4 it
	// takes BenchmarkListPHostImages1000Latency from 32-34 to 20-23 ms;
	// 16 gave only 17-18 ms for twice the burst on the API. The shared
	// throttle (throttle.go) paces every page once the API refuses.
	phostPagesInFlight = 8
)

// Ceilings on one read of a listing, checked on the first page before any
// further request, so that a server claiming a billion images costs one
// request and no memory. A zone offers tens of bare-metal images and an
// account's custom images are held by a quota of the same order; 10,000
// images (about 10 MB decoded) is a hundred times that. 500 requests is
// those images in pages of 20, the API's default page size.
const (
	MaxListingImages   = 10_000
	MaxListingRequests = 500
)

// listingMovedError reports that one read of a listing was inconsistent.
// recurring marks inconsistencies that, seen again unchanged on the
// re-read, are a defect of the answers rather than a listing that moved.
type listingMovedError struct {
	detail    string
	recurring bool
}

func (e *listingMovedError) Error() string { return e.detail }

// listingDefectError is an inconsistency that one answer proves, such as a
// negative TotalCount: reading again cannot help.
type listingDefectError struct{ detail string }

func (e *listingDefectError) Error() string { return e.detail }

// defect is the error returned for a listing defect.
func defect(detail string) error {
	return fmt.Errorf("UCloud API action %s: %s (%w)", ActionDescribePHostImage, detail, ErrListingDefect)
}

// ListPHostImages reads every page of DescribePHostImage for req (its Offset
// and Limit are ignored) and returns the images in API order. Pages after
// the first are fetched concurrently. If the listing changes while it is
// read, it is read once more from scratch; if it still disagrees the error
// wraps ErrListingChanged. Answers that cannot be a listing (see
// ErrListingDefect) are refused without reading again, or after the re-read
// shows the same inconsistency.
func (c *Client) ListPHostImages(ctx context.Context, req DescribePHostImageRequest) ([]PHostImage, error) {
	images, err := c.listPHostImages(ctx, req)
	var final *listingDefectError
	if errors.As(err, &final) {
		return nil, defect(final.detail)
	}
	var moved *listingMovedError
	if !errors.As(err, &moved) {
		return images, err
	}
	c.log.Debug(ctx, "bare-metal image listing changed while it was read; reading it again", map[string]any{
		"ucloud_action": ActionDescribePHostImage, "reason": moved.detail,
	})
	first := moved
	images, err = c.listPHostImages(ctx, req)
	switch {
	case errors.As(err, &final):
		return nil, defect(final.detail)
	case errors.As(err, &moved) && moved.recurring && moved.detail == first.detail:
		return nil, defect(moved.detail + ", on two reads in a row")
	case errors.As(err, &moved):
		return nil, fmt.Errorf("%w, twice in a row (%s); try again when the images have settled", ErrListingChanged, moved.detail)
	}
	return images, err
}

// listPHostImages makes one complete read of the listing.
func (c *Client) listPHostImages(ctx context.Context, req DescribePHostImageRequest) ([]PHostImage, error) {
	var requests atomic.Int32
	page := func(ctx context.Context, offset int) (*DescribePHostImageResponse, error) {
		if requests.Add(1) > MaxListingRequests {
			return nil, &listingDefectError{detail: fmt.Sprintf(
				"the listing needs more than the %d requests one read may send; the server returns too few images per page", MaxListingRequests)}
		}
		r := req
		r.Offset, r.Limit = offset, phostPageLimit
		resp, err := c.describePHostImage(ctx, &r)
		if err != nil {
			return nil, err
		}
		if id, twice := repeatedID(resp.ImageSet); twice {
			return nil, &listingDefectError{detail: fmt.Sprintf("the page at Offset %d lists image %s twice", offset, id)}
		}
		return resp, nil
	}

	first, err := page(ctx, 0)
	if err != nil {
		return nil, err
	}
	total, pageSize := first.TotalCount, len(first.ImageSet)
	if err := checkClaimedTotal(total, pageSize); err != nil {
		return nil, err
	}
	if total == 0 && pageSize > 0 {
		// NOTE: TotalCount is optional in the API; without it, page on
		// until an empty page.
		return c.listWithoutTotal(ctx, first.ImageSet, page)
	}
	if pageSize == 0 && total > 0 {
		return nil, &listingMovedError{detail: fmt.Sprintf("the first page was empty but TotalCount was %d", total), recurring: true}
	}

	// The server may cap the page size below Limit, so the remaining
	// ranges are cut to the size it actually returned.
	ranges := make([][]PHostImage, 0)
	if total > pageSize {
		ranges = make([][]PHostImage, (total-1)/pageSize)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(phostPagesInFlight)
	for i, start := range rangeStarts(pageSize, total) {
		end := min(start+pageSize, total)
		g.Go(func() error {
			images, err := fillRange(gctx, page, first.ImageSet, start, end, total)
			ranges[i] = images
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}

	images, err := mergePages(pageSize, first.ImageSet, ranges)
	if err != nil {
		return nil, err
	}
	if len(images) != total {
		return nil, &listingMovedError{detail: fmt.Sprintf("TotalCount was %d but %d images were read", total, len(images)), recurring: true}
	}
	c.log.Debug(ctx, "bare-metal image listing read", map[string]any{
		"ucloud_action": ActionDescribePHostImage, "total_count": total, "pages": len(ranges) + 1,
	})
	return images, nil
}

// checkClaimedTotal refuses a first page whose TotalCount no listing can
// have, or one that would take more than the ceilings to read.
func checkClaimedTotal(total, pageSize int) error {
	switch {
	case total < 0:
		return &listingDefectError{detail: fmt.Sprintf("the answer claims TotalCount %d, which no listing can have", total)}
	case total > MaxListingImages:
		return &listingDefectError{detail: fmt.Sprintf(
			"the answer claims TotalCount %d, more than the %d images one listing may read; narrow the query (image_ids, image_type, machine_type) or check base_url",
			total, MaxListingImages)}
	case pageSize > 0 && (total+pageSize-1)/pageSize > MaxListingRequests:
		return &listingDefectError{detail: fmt.Sprintf(
			"the answer claims TotalCount %d in pages of %d, more than the %d requests one listing may send",
			total, pageSize, MaxListingRequests)}
	}
	return nil
}

// rangeStarts yields the index and start of each range after the first
// page, one at a time, so that nothing is built up front.
func rangeStarts(pageSize, total int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		if pageSize <= 0 {
			return
		}
		for i, start := 0, pageSize; start < total; i, start = i+1, start+pageSize {
			if !yield(i, start) {
				return
			}
		}
	}
}

// pageFunc fetches the page of at most phostPageLimit images from offset.
type pageFunc func(ctx context.Context, offset int) (*DescribePHostImageResponse, error)

// fillRange reads images [start, end), advancing by what each answer really
// held; images past end (another range's) are dropped. A TotalCount other
// than total, or an empty page before end, means the listing moved; an
// answer that repeats the first page means the server ignores Offset.
func fillRange(ctx context.Context, page pageFunc, firstPage []PHostImage, start, end, total int) ([]PHostImage, error) {
	images := make([]PHostImage, 0, end-start)
	for offset := start; offset < end; {
		resp, err := page(ctx, offset)
		if err != nil {
			return nil, err
		}
		if resp.TotalCount != total {
			return nil, &listingMovedError{detail: fmt.Sprintf("TotalCount moved from %d to %d", total, resp.TotalCount)}
		}
		if len(resp.ImageSet) == 0 {
			return nil, &listingMovedError{detail: fmt.Sprintf("TotalCount was %d but there were no images at Offset %d", total, offset), recurring: true}
		}
		if ignoresOffset(firstPage, resp.ImageSet) {
			return nil, offsetIgnored(offset)
		}
		got := resp.ImageSet[:min(len(resp.ImageSet), end-offset)]
		images = append(images, got...)
		offset += len(got)
	}
	return images, nil
}

// listWithoutTotal pages sequentially until an empty page, for answers
// that carry no TotalCount; the ceilings bound it as they bound a claimed
// TotalCount.
func (c *Client) listWithoutTotal(ctx context.Context, first []PHostImage, page pageFunc) ([]PHostImage, error) {
	images := slices.Clone(first)
	seen := imageIDs(first)
	for offset := len(first); ; {
		resp, err := page(ctx, offset)
		if err != nil {
			return nil, err
		}
		if len(resp.ImageSet) == 0 {
			return images, nil
		}
		if ignoresOffset(first, resp.ImageSet) {
			return nil, offsetIgnored(offset)
		}
		if err := addPage(seen, offset, resp.ImageSet); err != nil {
			return nil, err
		}
		images = append(images, resp.ImageSet...)
		if len(images) > MaxListingImages {
			return nil, &listingDefectError{detail: fmt.Sprintf(
				"the listing holds more than the %d images one listing may read; narrow the query (image_ids, image_type, machine_type) or check base_url",
				MaxListingImages)}
		}
		offset += len(resp.ImageSet)
	}
}

// ignoresOffset reports whether a later answer is the first page again.
func ignoresOffset(firstPage, later []PHostImage) bool {
	return len(firstPage) > 0 && slices.EqualFunc(firstPage, later, func(a, b PHostImage) bool { return a.ImageID == b.ImageID })
}

// offsetIgnored is the defect of a server that answers every Offset with
// the first page.
func offsetIgnored(offset int) error {
	return &listingDefectError{detail: fmt.Sprintf("the page at Offset %d repeats the first page: the server ignores Offset", offset)}
}

// mergePages concatenates the first page and the ranges after it, refusing
// an image that a later page repeats (images without an ID are all kept).
func mergePages(pageSize int, first []PHostImage, ranges [][]PHostImage) ([]PHostImage, error) {
	n := len(first)
	for _, r := range ranges {
		n += len(r)
	}
	out := make([]PHostImage, 0, n)
	out = append(out, first...)
	seen := imageIDs(first)
	for i, images := range ranges {
		if err := addPage(seen, pageSize*(i+1), images); err != nil {
			return nil, err
		}
		out = append(out, images...)
	}
	return out, nil
}

// addPage records the page's IDs in seen; an ID already there means the
// page repeats an earlier image.
func addPage(seen map[string]struct{}, offset int, images []PHostImage) error {
	if id, dup := firstRepeat(seen, images); dup {
		return &listingMovedError{detail: fmt.Sprintf("the page at Offset %d repeats image %s from an earlier page", offset, id), recurring: true}
	}
	return nil
}

// imageIDs is the set of the images' IDs.
func imageIDs(images []PHostImage) map[string]struct{} {
	seen := make(map[string]struct{}, len(images))
	firstRepeat(seen, images)
	return seen
}

// repeatedID returns an ID that one answer lists twice.
func repeatedID(images []PHostImage) (string, bool) {
	return firstRepeat(make(map[string]struct{}, len(images)), images)
}

// firstRepeat adds the images' IDs to seen up to the first one already
// there, which it returns. Images without an ID are never repeats.
func firstRepeat(seen map[string]struct{}, images []PHostImage) (string, bool) {
	for _, img := range images {
		if img.ImageID == "" {
			continue
		}
		if _, dup := seen[img.ImageID]; dup {
			return img.ImageID, true
		}
		seen[img.ImageID] = struct{}{}
	}
	return "", false
}
